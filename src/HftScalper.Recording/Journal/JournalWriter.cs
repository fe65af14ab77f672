using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using HftScalper.Core.Frames;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Appends raw frames to size/time-rolled segment files through one reusable buffer. Meant to run as a ring side
/// consumer (off the hot path): call <see cref="Append(in RawFrame)"/> per frame and <see cref="EndOfBatch"/> at
/// the end of each batch. Not thread-safe: one writer thread.
/// </summary>
/// <remarks>
/// Opening a writer on a folder first repairs the newest existing segment (a previous run may have crashed
/// mid-write), then starts a fresh segment after it: the writer never appends into a file it did not create,
/// so recovery is the same code path as start-up.
/// </remarks>
public sealed class JournalWriter : IDisposable
{
    private readonly JournalWriterOptions _options;
    private readonly byte[] _buffer;
    private int _buffered;
    private FileStream? _file;
    private long _segmentBytes;
    private long _segmentStartNs;
    private int _segmentIndex;
    private int _segmentRecords;

    /// <summary>Opens a writer on <see cref="JournalWriterOptions.Directory"/>, repairing the newest segment there.</summary>
    public JournalWriter(JournalWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 4096, nameof(options.BufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SegmentMaxBytes, 4096L, nameof(options.SegmentMaxBytes));
        _options = options;
        _buffer = new byte[options.BufferSize];
        System.IO.Directory.CreateDirectory(options.Directory);
        var existing = JournalDirectory.ListSegments(options.Directory);
        if (existing.Count > 0)
        {
            JournalRecovery.Repair(existing[^1], Stats, options.Log);
            _segmentIndex = JournalDirectory.SegmentIndexOf(existing[^1]) + 1;
        }
    }

    /// <summary>Counters: records and bytes written, plus anything recovery found at open.</summary>
    public JournalStats Stats { get; } = new();

    /// <summary>Path of the segment being written, or null before the first record.</summary>
    public string? CurrentSegmentPath { get; private set; }

    /// <summary>Symbols listed in the current segment's header (a record naming a later symbol needs a new segment
    /// so the header can rebuild the registry).</summary>
    internal int HeaderSymbolCount { get; private set; }

    /// <summary>
    /// Makes sure the open segment's header lists the first <paramref name="symbolCount"/> symbols of the registry:
    /// opens the first segment, or rolls to a new one, with a header listing exactly those when it does not.
    /// </summary>
    internal void EnsureHeaderSymbols(long firstRecordNs, int symbolCount)
    {
        if (_file is null || symbolCount > HeaderSymbolCount) Roll(firstRecordNs, symbolCount);
    }

    /// <summary>Appends a frame (the payload is copied; the frame may be reused after the call).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(in RawFrame frame) =>
        Append(frame.LocalTimeNs, frame.Origin, frame.SymbolId, frame.StreamId, frame.Payload.Span);

    /// <summary>Appends one record. Allocation-free unless a segment rolls or the payload exceeds the buffer.</summary>
    public void Append(long localTimeNs, FrameOrigin origin, int symbolId, int streamId, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > JournalFormat.MaxPayloadLength)
            throw new ArgumentOutOfRangeException(nameof(payload), $"payload of {payload.Length} bytes exceeds the journal limit");
        int size = JournalFormat.RecordSize(payload.Length);
        if (_file is null || NeedsRoll(localTimeNs, size)) Roll(localTimeNs);
        if (size > _buffer.Length - _buffered)
        {
            WriteBuffer();
            if (size > _buffer.Length)
            {
                WriteOversized(localTimeNs, origin, symbolId, streamId, payload, size);
                return;
            }
        }
        JournalFormat.WriteRecord(_buffer.AsSpan(_buffered, size), localTimeNs, (byte)origin, symbolId, streamId, payload);
        _buffered += size;
        Count(size, payload.Length);
        if (_options.FlushMode == JournalFlushMode.EveryRecord) Flush();
    }

    /// <summary>Marks the end of a ring batch: flushes under <see cref="JournalFlushMode.EndOfBatch"/>.</summary>
    public void EndOfBatch()
    {
        if (_options.FlushMode == JournalFlushMode.EndOfBatch && _buffered > 0) Flush();
    }

    /// <summary>Writes the buffer to the file (and fsyncs when <see cref="JournalWriterOptions.FsyncOnFlush"/>).</summary>
    public void Flush()
    {
        WriteBuffer();
        if (_file is not null) _file.Flush(_options.FsyncOnFlush);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NeedsRoll(long localTimeNs, int size) =>
        _segmentRecords > 0 &&
        (_segmentBytes + size > _options.SegmentMaxBytes || localTimeNs - _segmentStartNs >= _options.SegmentMaxDurationNs);

    private void Count(int size, int payload)
    {
        _segmentBytes += size;
        _segmentRecords++;
        Stats.Records++;
        Stats.PayloadBytes += payload;
    }

    private void WriteBuffer()
    {
        if (_buffered == 0 || _file is null) return;
        _file.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteOversized(long localTimeNs, FrameOrigin origin, int symbolId, int streamId, ReadOnlySpan<byte> payload, int size)
    {
        var big = new byte[size];
        JournalFormat.WriteRecord(big, localTimeNs, (byte)origin, symbolId, streamId, payload);
        _file!.Write(big);
        Count(size, payload.Length);
    }

    // The header lists the registry's first symbolCount symbols (all by default: those known when the segment opens).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Roll(long firstRecordNs, int symbolCount = int.MaxValue)
    {
        CloseSegment();
        var header = new JournalHeader
        {
            Venue = _options.Venue,
            Host = _options.Host,
            StartTimeNs = firstRecordNs,
            SegmentIndex = _segmentIndex,
            Kind = _options.Kind,
            Source = _options.Source,
            QuoteIsMarketState = _options.QuoteIsMarketState,
            Symbols = _options.Symbols?.All.Take(symbolCount).Select(JournalSymbol.From).ToArray() ?? [],
        };
        byte[] body = header.Serialize();
        var preamble = new byte[JournalFormat.FilePreambleSize + body.Length];
        JournalFormat.Magic.CopyTo(preamble);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble.AsSpan(8), (uint)body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble.AsSpan(12), Crc32C.Compute(body));
        body.CopyTo(preamble.AsSpan(JournalFormat.FilePreambleSize));

        HeaderSymbolCount = header.Symbols.Count;
        string path = Path.Combine(_options.Directory, JournalDirectory.SegmentFileName(_segmentIndex, firstRecordNs));
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
        _file.Write(preamble);
        CurrentSegmentPath = path;
        _segmentBytes = preamble.Length;
        _segmentStartNs = firstRecordNs;
        _segmentRecords = 0;
        _segmentIndex++;
        Stats.Segments++;
    }

    private void CloseSegment()
    {
        if (_file is null) return;
        WriteBuffer();
        _file.Flush(_options.FsyncOnFlush);
        _file.Dispose();
        _file = null;
    }

    /// <summary>Flushes and closes the current segment.</summary>
    public void Dispose() => CloseSegment();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"journal writer {_options.Directory}: {Stats}");
}
