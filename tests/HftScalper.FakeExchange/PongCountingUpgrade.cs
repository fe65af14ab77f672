using Microsoft.AspNetCore.Http.Features;

namespace HftScalper.FakeExchange;

/// <summary>
/// Wraps a request's HTTP/1.1 upgrade so the WebSocket stream it yields counts the pong frames the client sends. The
/// runtime's WebSocket answers and consumes pings and pongs itself, so this is the only place the fake can see them:
/// a test can then wait for pongs to arrive (an event) instead of waiting out a pong timeout (wall time).
/// </summary>
internal sealed class PongCountingUpgrade(IHttpUpgradeFeature inner, Action onPong) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync() => new PongCountingStream(await inner.UpgradeAsync().ConfigureAwait(false), onPong);

    /// <summary>Passes every byte through and parses the client's frame headers (RFC 6455 5.2) as they are read.</summary>
    private sealed class PongCountingStream(Stream inner, Action onPong) : Stream
    {
        private const int PongOpcode = 0xA;
        private readonly byte[] _header = new byte[14]; // 2 + 8 (64-bit length) + 4 (mask key): the longest frame header
        private int _headerBytes;
        private long _payloadLeft;

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Parse(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Parse(buffer.Span[..n]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();

        // Skips payloads and collects each header until it is complete; returns the byte count read.
        private int Parse(ReadOnlySpan<byte> data)
        {
            int n = data.Length;
            while (!data.IsEmpty)
            {
                if (_payloadLeft > 0)
                {
                    int skip = (int)Math.Min(_payloadLeft, data.Length);
                    _payloadLeft -= skip;
                    data = data[skip..];
                    continue;
                }
                _header[_headerBytes++] = data[0];
                data = data[1..];
                if (_headerBytes < 2 || _headerBytes < HeaderLength()) continue;
                if ((_header[0] & 0x0F) == PongOpcode) onPong();
                _payloadLeft = PayloadLength();
                _headerBytes = 0;
            }
            return n;
        }

        private int HeaderLength()
        {
            int len7 = _header[1] & 0x7F;
            int mask = (_header[1] & 0x80) != 0 ? 4 : 0;
            return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + mask;
        }

        private long PayloadLength()
        {
            int len7 = _header[1] & 0x7F;
            if (len7 < 126) return len7;
            if (len7 == 126) return (_header[2] << 8) | _header[3];
            long len = 0;
            for (int i = 2; i < 10; i++) len = (len << 8) | _header[i];
            return len;
        }
    }
}
