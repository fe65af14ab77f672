using System.Buffers.Binary;
using System.Globalization;
using HftScalper.Core.Feeds;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Walks the good records of one segment file through a reusable buffer. Shared by <see cref="JournalReader"/>,
/// <see cref="EventJournalReader"/> and <see cref="JournalRecovery"/> so all agree on what "good" means.
/// </summary>
/// <remarks>
/// A record that fails its check (bounds, sync marker, CRC) does not end the segment: the cursor scans forward for
/// the next offset where a record checks out (<see cref="JournalFormat.FindRecordCandidate"/>) and goes on from
/// there, so one flipped bit costs one record, not the rest of a 256 MB segment. Each such damaged span is counted
/// (<see cref="JournalStats.CorruptRecords"/>, <see cref="JournalStats.DiscardedBytes"/>) and logged when it ends at
/// a good record; a span that runs to the end of the file is the segment's bad tail (<see cref="Status"/>
/// <see cref="SegmentStatus.Torn"/> or <see cref="SegmentStatus.Corrupt"/>, from <see cref="GoodLength"/> on),
/// which the caller reports, and which repair may cut.
/// </remarks>
internal sealed class SegmentCursor : IDisposable
{
    private readonly FileStream _file;
    private volatile bool _closed;
    private long _closedAt;
    private readonly JournalStats? _stats;
    private readonly Action<string>? _log;
    private byte[] _buffer;
    private int _start, _end;
    private long _bufferFileOffset; // file offset of _buffer[0]
    private bool _eof;
    private int _layout = JournalFormat.FormatVersion;
    private long _damageStart = -1; // file offset where the span being skipped began; -1 when not skipping
    private bool _damageTorn;       // that span began with a record running past the end of the file

    /// <param name="path">Segment file.</param>
    /// <param name="buffer">Read buffer to reuse (replaced by a larger one for a record that outgrows it).</param>
    /// <param name="stats">Where damaged spans inside the segment are counted as they are skipped (optional).</param>
    /// <param name="log">Where each skipped span is reported (optional).</param>
    /// <param name="trackProgress">Register the file with the progress meter (false for a look at the header only).</param>
    public SegmentCursor(string path, byte[] buffer, JournalStats? stats = null, Action<string>? log = null, bool trackProgress = true)
    {
        Path = path;
        _buffer = buffer;
        _stats = stats;
        _log = log;
        // FileShare.ReadWrite: a live writer may still be appending to the newest segment.
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        FileLength = _file.Length;
        if (trackProgress) InputProgress.Current?.TrackFile(path, () => _closed ? _closedAt : _file.Position);
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

    /// <summary>The magic is good but the header failed its checksum or bounds: the records after it may still be
    /// read, under another segment's header (<see cref="AdoptHeader"/>).</summary>
    public bool HeaderDamaged { get; private set; }

    /// <summary>File offset just past the last good record (or the header): where a repair truncates.</summary>
    public long GoodLength { get; private set; }

    /// <summary>File offset where the bad tail begins (from here to the end is skipped): <see cref="GoodLength"/>, or
    /// the start of the file for a segment read under a sibling's header in which no valid record was found.</summary>
    public long TailStart => _damageStart >= 0 ? Math.Min(_damageStart, GoodLength) : GoodLength;

    /// <summary>Damaged spans skipped so far that ended at a good record (the bad tail is not among them).</summary>
    public long DamagedSpans { get; private set; }

    /// <summary>Bytes of those spans.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>The buffer the current record lives in (it may be replaced when a record outgrows it).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Advances to the next good record, skipping damaged spans; false at the end of the file (see
    /// <see cref="Status"/> for how it ended).</summary>
    public bool TryNext(out int offset, out int size)
    {
        offset = size = 0;
        if (Status != SegmentStatus.Reading) return false;
        while (true)
        {
            var status = JournalFormat.CheckRecord(_buffer.AsSpan(_start, _end - _start), _layout, out size);
            if (status == JournalRecordStatus.Ok)
            {
                if (_damageStart >= 0) EndDamage();
                offset = _start;
                _start += size;
                GoodLength = _bufferFileOffset + _start;
                return true;
            }
            if (status == JournalRecordStatus.Corrupt)
            {
                SkipToCandidate(torn: false);
                continue;
            }
            if (_eof)
            {
                if (_end == _start)
                {
                    Status = _damageStart < 0 ? SegmentStatus.End : _damageTorn ? SegmentStatus.Torn : SegmentStatus.Corrupt;
                    return false;
                }
                // A record runs past the end: a torn tail, unless a good record follows (then its length was damaged).
                SkipToCandidate(torn: true);
                continue;
            }
            Fill(NeededBytes());
        }
    }

    /// <summary>Reads the records of a segment whose header is damaged under <paramref name="substitute"/> (a sibling
    /// segment's): the bytes from the start of the file (preamble and damaged header) to the first valid record are
    /// skipped as a damaged span.</summary>
    public void AdoptHeader(JournalHeader substitute)
    {
        Header = substitute;
        Status = SegmentStatus.Reading;
        _file.Position = JournalFormat.FilePreambleSize;
        GoodLength = _bufferFileOffset = JournalFormat.FilePreambleSize;
        _damageStart = 0; // the preamble and the damaged header are skipped bytes too
        _damageTorn = _eof = false;
        _start = _end = 0;
    }

    // The record at _start is bad: move to the next offset that may start one (or near the window's end when none
    // is in it, keeping the bytes that may begin one), remembering where the skipped span began.
    private void SkipToCandidate(bool torn)
    {
        if (_damageStart < 0)
        {
            _damageStart = _bufferFileOffset + _start;
            _damageTorn = torn;
        }
        _start++;
        int at = JournalFormat.FindRecordCandidate(_buffer.AsSpan(_start, _end - _start), _layout);
        _start = at >= 0 ? _start + at : Math.Max(_start, _end - (JournalFormat.RecordHeaderSize - 1));
    }

    private void EndDamage()
    {
        long at = _bufferFileOffset + _start;
        long skipped = at - _damageStart;
        DamagedSpans++;
        SkippedBytes += skipped;
        if (_stats is not null)
        {
            _stats.CorruptRecords++;
            _stats.DiscardedBytes += skipped;
        }
        _log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"journal: damaged record in {Path} at offset {_damageStart}: skipped {skipped} bytes, resumed at the next valid record (offset {at})"));
        _damageStart = -1;
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
        // A damaged length field may claim up to 64 MB: never grow past what the file still holds (the record is then
        // found torn, or its length damaged, from the bytes that are there). Slow path: a record larger than the buffer.
        if (needed > _buffer.Length) needed = (int)Math.Min(needed, have + Math.Max(0, _file.Length - _file.Position));
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
        if (JournalFormat.IsLaterLayout(pre)) { Reject($"record layout {pre[7]} is newer than this version reads (up to {JournalFormat.FormatVersion})"); return; }
        _layout = JournalFormat.LayoutOf(pre);
        if (_layout == 0) { Reject("not a journal segment (bad magic)"); return; }
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(pre.Slice(8));
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(pre.Slice(12));
        if (len > JournalFormat.MaxHeaderLength) { Reject($"header length {len} is impossible", damaged: true); return; }
        var header = new byte[len];
        if (_file.ReadAtLeast(header, (int)len, throwOnEndOfStream: false) < len) { Reject(TornHeader); return; }
        if (Crc32C.Compute(header) != crc) { Reject("header checksum mismatch", damaged: true); return; }
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

    private void Reject(string problem, bool damaged = false)
    {
        HeaderProblem = problem;
        HeaderDamaged = damaged;
        Status = SegmentStatus.BadHeader;
    }

    public void Dispose()
    {
        // Where reading stopped stays readable for the progress meter (a closed FileStream throws on Position).
        if (!_closed) _closedAt = _file.Position;
        _closed = true;
        _file.Dispose();
    }
}
