using System.Diagnostics;

namespace HftScalper.Benchmarks.Orders;

/// <summary>
/// The naive client's socket as HttpClient sees it (through <c>SocketsHttpHandler.ConnectCallback</c>): a pass-through
/// stream that remembers the Stopwatch time of its last write, so "order bytes written" is measured at the same point
/// for HttpClient as for our WebSocket API client.
/// </summary>
internal sealed class WriteStampingStream(Stream inner) : Stream
{
    /// <summary>Stopwatch timestamp of the last write or flush (any thread).</summary>
    public long LastWrite => Volatile.Read(ref _lastWrite);

    private long _lastWrite;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
