using System.IO.Compression;

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

    public LineReader(string path, int maxLineBytes)
    {
        _maxLineBytes = maxLineBytes;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        _stream = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Reads the next line (without its '\n' or '\r'). Corrupt compressed data ends the file (counted by the caller).</summary>
    public LineStatus Read(out ReadOnlyMemory<byte> line)
    {
        bool skipping = false;
        while (true)
        {
            int nl = _buf.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int lineEnd = _start + _scanned + nl;
                line = Trim(_buf.AsMemory(_start, lineEnd - _start));
                bool tooLong = lineEnd - _start > _maxLineBytes;
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
                _start = _end;
                _scanned = 0;
                if (skipping) { line = default; return LineStatus.TooLong; }
                return any ? LineStatus.Line : LineStatus.End;
            }
            if (_end - _start >= _maxLineBytes)
            {
                // Too long to be a frame we accept: drop what we hold and keep reading to the next newline.
                skipping = true;
                _start = _end = _scanned = 0;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buf.Length) Array.Resize(ref _buf, Math.Min(_buf.Length * 2, _maxLineBytes + 1));
            int read;
            try
            {
                read = _stream.Read(_buf, _end, _buf.Length - _end);
            }
            catch (InvalidDataException)
            {
                read = 0; // a corrupt or truncated gzip member: end of this file
                Corrupt = true;
            }
            if (read == 0) _eof = true;
            else _end += read;
        }
    }

    /// <summary>The compressed stream was corrupt or truncated (reading stopped there).</summary>
    public bool Corrupt { get; private set; }

    public void Dispose() => _stream.Dispose();

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> m)
    {
        var s = m.Span;
        int len = s.Length;
        while (len > 0 && (s[len - 1] == (byte)'\r' || s[len - 1] == (byte)' ')) len--;
        return m[..len];
    }
}
