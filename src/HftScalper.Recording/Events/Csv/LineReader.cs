namespace HftScalper.Recording.Events.Csv;

/// <summary>Splits a byte stream into lines through one reusable buffer (grown only for a longer line).</summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start, _end;
    private bool _eof;

    public LineReader(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Next line without its '\n' or "\r\n"; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int nl = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, nl));
                _start += nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_end > _start)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                line = default;
                return false;
            }
            Fill();
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == (byte)'\r' ? s[..^1] : s;

    private void Fill()
    {
        int have = _end - _start;
        if (_start == 0 && have == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        else if (_start > 0) _buffer.AsSpan(_start, have).CopyTo(_buffer);
        _start = 0;
        _end = have;
        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    public void Dispose() => _stream.Dispose();
}
