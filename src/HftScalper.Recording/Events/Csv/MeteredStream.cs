using HftScalper.Core.Feeds;

namespace HftScalper.Recording.Events.Csv;

/// <summary>
/// A read-only file stream that counts the bytes read, for <see cref="InputProgress"/>: the count stays readable from
/// the progress display's thread after the stream is closed (a closed <see cref="FileStream"/> throws on
/// <see cref="Stream.Position"/>), so a file read to its end counts as read. One field store per read call.
/// </summary>
internal sealed class MeteredStream : Stream
{
    private readonly Stream _inner;
    private long _read;

    /// <summary>Wraps <paramref name="inner"/> (owned) and registers it as <paramref name="path"/> with the current meter.</summary>
    public MeteredStream(Stream inner, string path)
    {
        _inner = inner;
        InputProgress.Current?.TrackFile(path, () => Volatile.Read(ref _read));
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _inner.Length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        Volatile.Write(ref _read, _read + n);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
