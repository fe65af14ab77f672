using System.Buffers.Binary;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Walks the records of one segment file through a reusable buffer and stops at the end of the good prefix.
/// Shared by <see cref="JournalReader"/> and <see cref="JournalRecovery"/> so both agree on what "good" means.
/// </summary>
internal sealed class SegmentCursor : IDisposable
{
    private readonly FileStream _file;
    private byte[] _buffer;
    private int _start, _end;
    private long _bufferFileOffset; // file offset of _buffer[0]
    private bool _eof;

    public SegmentCursor(string path, byte[] buffer)
    {
        Path = path;
        _buffer = buffer;
        // FileShare.ReadWrite: a live writer may still be appending to the newest segment.
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        FileLength = _file.Length;
        ReadHeader();
    }

    public const string TornHeader = "header is torn";

    public string Path { get; }

    public long FileLength { get; }

    /// <summary>The decoded header, or null when <see cref="Status"/> is <see cref="SegmentStatus.BadHeader"/>.</summary>
    public JournalHeader? Header { get; private set; }

    public SegmentStatus Status { get; private set; } = SegmentStatus.Reading;

    /// <summary>Why the header was rejected (for the log line).</summary>
    public string? HeaderProblem { get; private set; }

    /// <summary>File offset just past the last good record (or the header): where a repair truncates.</summary>
    public long GoodLength { get; private set; }

    /// <summary>The buffer the current record lives in (it may be replaced when a record outgrows it).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Advances to the next good record; false at the end of the good prefix (see <see cref="Status"/>).</summary>
    public bool TryNext(out int offset, out int size)
    {
        offset = size = 0;
        if (Status != SegmentStatus.Reading) return false;
        while (true)
        {
            var status = JournalFormat.CheckRecord(_buffer.AsSpan(_start, _end - _start), out size);
            if (status == JournalRecordStatus.Ok)
            {
                offset = _start;
                _start += size;
                GoodLength = _bufferFileOffset + _start;
                return true;
            }
            if (status == JournalRecordStatus.Corrupt)
            {
                Status = SegmentStatus.Corrupt;
                return false;
            }
            if (_eof)
            {
                Status = _end == _start ? SegmentStatus.End : SegmentStatus.Torn;
                return false;
            }
            Fill(NeededBytes());
        }
    }

    private int NeededBytes()
    {
        int have = _end - _start;
        if (have < JournalFormat.RecordHeaderSize) return JournalFormat.RecordHeaderSize;
        return JournalFormat.RecordSize((int)BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start)));
    }

    // Compacts the unread bytes to the front (growing the buffer for a record larger than it) and reads more.
    private void Fill(int needed)
    {
        int have = _end - _start;
        if (needed > _buffer.Length)
        {
            var bigger = new byte[Math.Max(needed, _buffer.Length * 2)];
            _buffer.AsSpan(_start, have).CopyTo(bigger);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, have).CopyTo(_buffer);
        }
        _bufferFileOffset += _start;
        _start = 0;
        _end = have;
        int n = _file.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    private void ReadHeader()
    {
        Span<byte> pre = stackalloc byte[JournalFormat.FilePreambleSize];
        int got = _file.ReadAtLeast(pre, pre.Length, throwOnEndOfStream: false);
        if (got < pre.Length) { Reject($"file is {FileLength} bytes, shorter than the preamble"); return; }
        if (!JournalFormat.HasMagic(pre)) { Reject("not a journal segment (bad magic)"); return; }
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(pre.Slice(8));
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(pre.Slice(12));
        if (len > JournalFormat.MaxHeaderLength) { Reject($"header length {len} is impossible"); return; }
        var header = new byte[len];
        if (_file.ReadAtLeast(header, (int)len, throwOnEndOfStream: false) < len) { Reject(TornHeader); return; }
        if (Crc32C.Compute(header) != crc) { Reject("header checksum mismatch"); return; }
        try
        {
            Header = JournalHeader.Deserialize(header);
        }
        catch (InvalidDataException ex)
        {
            Reject(ex.Message);
            return;
        }
        GoodLength = _bufferFileOffset = JournalFormat.FilePreambleSize + len;
    }

    private void Reject(string problem)
    {
        HeaderProblem = problem;
        Status = SegmentStatus.BadHeader;
    }

    public void Dispose() => _file.Dispose();
}
