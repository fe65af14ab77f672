using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Replays journal segments, in order, as one <see cref="IRawFrameSource"/>. Each frame's payload is a slice
/// of one reused buffer (no allocation per record). A damaged record is skipped and reading resumes at the next
/// valid record of the segment; each damaged span and a segment's torn or corrupt tail is reported once (a log
/// line and counters in <see cref="Stats"/>), so every good record is returned and no bad byte is.
/// </summary>
/// <remarks>The reader never modifies files; <see cref="JournalRecovery.Repair"/> (run by the writer on open) truncates.</remarks>
internal sealed class JournalReader : IRawFrameSource, IInputDamageSource
{
    private readonly IReadOnlyList<string> _segments;
    private readonly Action<string> _log;
    private readonly SymbolRegistry? _registry;
    private int[]? _remap; // recorded symbol id -> registry id (REST snapshot frames), null when they agree
    private byte[] _buffer;
    private SegmentCursor? _cursor;
    private int _next;

    /// <summary>Opens segment files (or folders of segments), replayed in the order given.</summary>
    /// <param name="paths">Segment files or journal folders.</param>
    /// <param name="log">Where damage reports go (default: stderr).</param>
    /// <param name="bufferSize">Read buffer size (grows for a larger record).</param>
    /// <param name="registry">When given, each segment header's symbols are registered in it and the symbol ids
    /// frames carry (REST snapshots name no symbol) are mapped to its ids, so a multi-symbol journal replays right
    /// into a registry that numbers symbols differently. Null: ids are passed on as recorded.</param>
    public JournalReader(IEnumerable<string> paths, Action<string>? log = null, int bufferSize = 1 << 20, SymbolRegistry? registry = null)
    {
        _registry = registry;
        ArgumentNullException.ThrowIfNull(paths);
        var list = JournalDirectory.ExpandSegments(paths);
        _segments = list;
        _log = log ?? Console.Error.WriteLine;
        _buffer = new byte[Math.Max(bufferSize, 4096)];
        Description = list.Count == 1 ? $"journal {list[0]}" : $"journal ({list.Count} segments)";
    }

    /// <summary>Opens one segment file or journal folder.</summary>
    public JournalReader(string path, Action<string>? log = null) : this([path], log) { }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Counters: records, segments, torn tails, damaged records skipped, skipped bytes (updated as the
    /// reader goes: read them at any time).</summary>
    public JournalStats Stats { get; } = new();

    /// <summary>Header of the segment being read (null before the first read or after a bad header).</summary>
    public JournalHeader? CurrentHeader => _cursor?.Header;

    /// <summary>The segment files, in replay order.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        while (true)
        {
            if (_cursor is not null && _cursor.TryNext(out int offset, out int size))
            {
                _buffer = _cursor.Buffer;
                var rec = _buffer.AsSpan(offset, size);
                int payloadLength = size - JournalFormat.RecordHeaderSize;
                int symbolId = JournalFormat.ReadSymbolId(rec);
                if (_remap is not null && (uint)symbolId < (uint)_remap.Length) symbolId = _remap[symbolId];
                frame = new RawFrame(JournalFormat.ReadLocalTimeNs(rec), (FrameOrigin)JournalFormat.ReadOrigin(rec),
                    symbolId, JournalFormat.ReadStreamId(rec),
                    new ReadOnlyMemory<byte>(_buffer, offset + JournalFormat.RecordHeaderSize, payloadLength));
                Stats.Records++;
                Stats.PayloadBytes += payloadLength;
                return true;
            }
            if (!OpenNext())
            {
                frame = default;
                return false;
            }
        }
    }

    private bool OpenNext()
    {
        if (_cursor is not null)
        {
            ReportEnd(_cursor, Stats, _log);
            _cursor.Dispose();
            _cursor = null;
        }
        while (_next < _segments.Count)
        {
            var cursor = new SegmentCursor(_segments[_next++], _buffer, Stats, _log);
            Stats.Segments++;
            AdoptSiblingHeader(cursor, JournalKind.Frames, Stats, _log);
            if (cursor.Header is { Kind: not JournalKind.Frames } header)
            {
                // Event blocks are not JSON frames: parsing them would only count garbage.
                Stats.BadHeaders++;
                _log($"journal: skipped {cursor.Path}: it holds {header.Kind.ToString().ToLowerInvariant()}, not raw frames (replay it as an event journal)");
                cursor.Dispose();
                continue;
            }
            _remap = null;
            if (_registry is not null && cursor.Header is { } h)
            {
                if (!HeaderSymbols.TryMap(h, _registry, out _remap, out string? problem, out string? note))
                    _log($"journal: {cursor.Path}: header symbols do not fit the registry ({problem}); symbol ids passed on as recorded");
                else if (note is not null)
                    _log($"journal: {cursor.Path}: {note}; the registry's specification is used");
            }
            _cursor = cursor;
            return true;
        }
        return false;
    }

    // A damaged header does not cost the segment's records: they are read under the header of another segment of the
    // same journal and kind, when there is one (shared with the event journal reader).
    internal static void AdoptSiblingHeader(SegmentCursor c, JournalKind kind, JournalStats stats, Action<string> log)
    {
        if (!c.HeaderDamaged || JournalDirectory.SiblingHeader(c.Path) is not { } sibling || sibling.Kind != kind) return;
        stats.BadHeaders++;
        log($"journal: {c.Path}: {c.HeaderProblem}; reading its records under the header of segment {sibling.SegmentIndex} of the journal");
        c.AdoptHeader(sibling);
    }

    // Counts and logs how a segment's good prefix ended (shared with the event journal reader).
    internal static void ReportEnd(SegmentCursor c, JournalStats stats, Action<string> log)
    {
        switch (c.Status)
        {
            case SegmentStatus.Torn:
                stats.TornTails++;
                break;
            case SegmentStatus.Corrupt:
                stats.CorruptRecords++;
                break;
            case SegmentStatus.BadHeader:
                // Every byte of a segment skipped whole is counted as skipped (issue #13: parsed or counted, never lost).
                stats.BadHeaders++;
                stats.DiscardedBytes += c.FileLength;
                log($"journal: skipped {c.Path}: {c.HeaderProblem} ({c.FileLength} bytes)");
                return;
            default:
                return;
        }
        long lost = c.FileLength - c.TailStart;
        stats.DiscardedBytes += lost;
        log($"journal: {c.Status.ToString().ToLowerInvariant()} tail in {c.Path} at offset {c.TailStart}: skipped {lost} bytes");
    }

    /// <summary>Closes the current segment.</summary>
    public void Dispose()
    {
        _cursor?.Dispose();
        _cursor = null;
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => JournalDamage.AddTo(total, Stats, Description);
}
