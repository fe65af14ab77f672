using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Sources.Text;

/// <summary>
/// Reads '\n'-terminated lines of a plain or gzip file (detected by its magic bytes) into one reusable buffer.
/// A line is valid until the next read. The buffer grows only for a longer line than ever seen (up to a cap);
/// longer lines are skipped and reported, so steady-state reading allocates nothing.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buf = new byte[1 << 16];
    private int _start;    // first unread byte
    private int _scanned;  // bytes after _start already known to hold no '\n'
    private int _end;      // end of valid data
    private bool _eof;

    /// <summary>Opens <paramref name="path"/>; damage in gzip data is counted into <paramref name="damage"/>.</summary>
    public LineReader(string path, int maxLineBytes, InputDamage damage)
    {
        _maxLineBytes = maxLineBytes;
        _stream = Events.Csv.TextFile.OpenPlainOrGzip(path, damage);
        Path = path;
    }

    public string Path { get; }

    /// <summary>Bytes the last line read took in the input, its '\n' and any dropped over-long part included.</summary>
    public long LastLineBytes { get; private set; }

    /// <summary>Reads the next line (without its '\n' or '\r').</summary>
    public LineStatus Read(out ReadOnlyMemory<byte> line)
    {
        bool skipping = false;
        long dropped = 0; // bytes of an over-long line already let go
        while (true)
        {
            int nl = _buf.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int lineEnd = _start + _scanned + nl;
                line = Trim(_buf.AsMemory(_start, lineEnd - _start));
                bool tooLong = lineEnd - _start > _maxLineBytes;
                LastLineBytes = dropped + (lineEnd - _start) + 1;
                _start = lineEnd + 1;
                _scanned = 0;
                if (!skipping && !tooLong) return LineStatus.Line;
                line = default;
                return LineStatus.TooLong;
            }
            _scanned = _end - _start;
            if (_eof)
            {
                line = Trim(_buf.AsMemory(_start, _end - _start));
                bool any = _end > _start;
                LastLineBytes = dropped + (_end - _start);
                _start = _end;
                _scanned = 0;
                if (skipping) { line = default; return LineStatus.TooLong; }
                return any ? LineStatus.Line : LineStatus.End;
            }
            if (_end - _start >= _maxLineBytes)
            {
                // Too long to be a frame we accept: drop what we hold and keep reading to the next newline.
                skipping = true;
                dropped += _end - _start;
                _start = _end = _scanned = 0;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buf.Length) Array.Resize(ref _buf, Math.Min(_buf.Length * 2, _maxLineBytes + 1));
            int read = _stream.Read(_buf, _end, _buf.Length - _end); // gzip damage is counted, never thrown
            if (read == 0) _eof = true;
            else _end += read;
        }
    }

    /// <summary>The compressed stream was corrupt or truncated (counted in the damage given at open).</summary>
    public bool Corrupt => _stream is CheckedGzipStream { Damaged: true };

    public void Dispose() => _stream.Dispose();

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> m)
    {
        var s = m.Span;
        int len = s.Length;
        while (len > 0 && (s[len - 1] == (byte)'\r' || s[len - 1] == (byte)' ')) len--;
        return m[..len];
    }
}
