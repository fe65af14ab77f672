using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Replays event journal segments, in order, as one <see cref="IMarketEventBatchSource"/>. Segments are read with
/// large sequential reads into one pooled buffer; each block is checked once (CRC32C, hardware) and its events are
/// then read straight out of the buffer: the only per-event work is the copy to the caller.
/// </summary>
/// <remarks>
/// Each segment's header symbols are registered in the registry given; when the registry already gave a symbol
/// another id, the events' ids are remapped on the way out (the only case with more per-event work). Damage is
/// handled as in <see cref="JournalReader"/>: a damaged block is skipped and reading resumes at the next valid one,
/// a torn or corrupt tail is reported once and skipped, a segment with a bad header or of the wrong kind is reported
/// and skipped, every good block is returned. Files are never modified.
/// </remarks>
internal sealed class EventJournalReader : IMarketEventBatchSource, ICountedEventSource, IInputDamageSource
{
    private readonly IReadOnlyList<string> _segments;
    private readonly SymbolRegistry _registry;
    private readonly Action<string> _log;
    private readonly byte[] _rented;
    private byte[] _buffer;
    private SegmentCursor? _cursor;
    private int _next;
    private int _blockOffset; // byte offset of the current block's first event in _buffer
    private int _blockCount, _blockPos;
    private int[]? _remap; // header id -> registry id, null when they agree
    private int _returned;
    private readonly EventJournalSeam _seam;
    private readonly byte[] _statusBlock = new byte[MarketEvent.Size]; // a status event handed out before a block, at a seam
    private (byte[] Buffer, int Offset, int Count, int Pos, int[]? Remap)? _held; // the block held back while the status goes out
    private bool _adoptedHeader; // the segment opened is read under a sibling's header: its damaged header bytes are no lost events

    /// <summary>Opens segment files (or folders of segments), replayed in the order given.</summary>
    /// <param name="paths">Event journal segments or folders.</param>
    /// <param name="registry">Registry the header symbols are registered in.</param>
    /// <param name="log">Where damage reports go (default: stderr).</param>
    /// <param name="bufferSize">Read buffer size (grows for a larger block). Rented from the shared array pool: a new
    /// large array per reader would cost page faults and a gen-2 collection each time a journal is opened.</param>
    public EventJournalReader(IEnumerable<string> paths, SymbolRegistry registry, Action<string>? log = null, int bufferSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _segments = JournalDirectory.ExpandSegments(paths);
        _log = log ?? Console.Error.WriteLine;
        _buffer = _rented = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 4096));
        Description = _segments.Count == 1 ? $"event journal {_segments[0]}" : $"event journal ({_segments.Count} segments)";
        _seam = new EventJournalSeam(JournalStats);
    }

    /// <summary>Opens one segment file or journal folder.</summary>
    public EventJournalReader(string path, SymbolRegistry registry, Action<string>? log = null) : this([path], registry, log) { }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    /// <remarks>What the journal's header says (its first readable events segment): a journal converted from a
    /// quote-only format replays as that recording did. Read once, before the first event, since the pipeline asks
    /// before it reads.</remarks>
    public bool QuoteIsMarketState => _quoteIsMarketState ??= HeaderSaysQuoteIsMarketState();

    private bool? _quoteIsMarketState;

    private bool HeaderSaysQuoteIsMarketState()
    {
        var buffer = new byte[64];
        foreach (var path in _segments)
        {
            try
            {
                using var peek = new SegmentCursor(path, buffer, trackProgress: false);
                if (peek.Header is { Kind: JournalKind.Events } h) return h.QuoteIsMarketState;
            }
            catch (IOException) { } // unreadable here: the read itself reports it
            catch (UnauthorizedAccessException) { }
        }
        return false;
    }

    /// <summary>Events read (<see cref="EventSourceStats.Rows"/> = <see cref="EventSourceStats.Events"/>; no row is ever skipped
    /// inside a good block).</summary>
    public EventSourceStats Stats { get; } = new();

    /// <summary>Journal counters: blocks (records), segments, torn tails, corrupt blocks, bad headers, skipped bytes.</summary>
    public JournalStats JournalStats { get; } = new();

    /// <summary>Header of the segment being read (null before the first read or after a bad header).</summary>
    public JournalHeader? CurrentHeader => _cursor?.Header;

    /// <summary>The segment files, in replay order.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out MarketEvent ev)
    {
        if (_blockPos == _blockCount && !NextBlock())
        {
            ev = default;
            return false;
        }
        ev = Unsafe.ReadUnaligned<MarketEvent>(ref _buffer[_blockOffset + (_blockPos++ * MarketEvent.Size)]);
        if (_remap is not null) Remap(ref ev);
        Stats.Rows++;
        Stats.Events++;
        return true;
    }

    /// <inheritdoc />
    public int ReadBatch(Span<MarketEvent> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            if (_blockPos == _blockCount && !NextBlock()) break;
            done += CopyFromBlock(destination[done..]);
        }
        Stats.Rows += done;
        Stats.Events += done;
        return done;
    }

    /// <inheritdoc />
    /// <remarks>The rest of the current block: one bulk copy out of the read buffer, where <see cref="TryRead"/> makes
    /// one call and one copy per event.</remarks>
    public int ReadBuffered(Span<MarketEvent> destination)
    {
        int n = CopyFromBlock(destination);
        Stats.Rows += n;
        Stats.Events += n;
        return n;
    }

    // Copies up to destination.Length events of the current block (remapped) and moves past them.
    private int CopyFromBlock(Span<MarketEvent> destination)
    {
        int n = Math.Min(destination.Length, _blockCount - _blockPos);
        if (n <= 0) return 0;
        var dst = destination[..n];
        MemoryMarshal.Cast<byte, MarketEvent>(_buffer.AsSpan(_blockOffset + (_blockPos * MarketEvent.Size), n * MarketEvent.Size)).CopyTo(dst);
        if (_remap is not null) foreach (ref var e in dst) Remap(ref e);
        _blockPos += n;
        return n;
    }

    private void Remap(ref MarketEvent ev)
    {
        if ((uint)ev.SymbolId < (uint)_remap!.Length) ev.SymbolId = _remap[ev.SymbolId];
    }

    // Moves to the next good block, opening segments as needed; false at the end of the last segment. Where damage lies
    // between two good blocks, the seam may hand out a status event first and drop the rest of a cut message.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextBlock()
    {
        if (_held is { } held)
        {
            _held = null;
            (_buffer, _blockOffset, _blockCount, _blockPos, _remap) = held;
            if (_blockPos < _blockCount) return true;
        }
        else if (_blockCount > 0)
        {
            var last = Unsafe.ReadUnaligned<MarketEvent>(ref _buffer[_blockOffset + ((_blockCount - 1) * MarketEvent.Size)]);
            if (_remap is not null) Remap(ref last); // the status event names the symbol by its registry id
            _seam.Leaving(in last);
        }
        while (true)
        {
            if (_cursor is not null && _cursor.TryNext(out int offset, out int size))
            {
                _buffer = _cursor.Buffer;
                var record = _buffer.AsSpan(offset, size);
                if (!EventJournalFormat.IsBlock(record, out int count))
                {
                    // CRC-valid but not a block we write: skip it rather than guess at its contents.
                    JournalStats.CorruptRecords++;
                    JournalStats.DiscardedBytes += size;
                    _log($"event journal: {_cursor.Path}: record at offset {_cursor.GoodLength - size} is not an event block; skipped its {size} bytes");
                    continue;
                }
                _blockOffset = offset + JournalFormat.RecordHeaderSize;
                _blockCount = count;
                _blockPos = 0;
                JournalStats.Records++;
                JournalStats.PayloadBytes += size - JournalFormat.RecordHeaderSize;
                if (_adoptedHeader)
                {
                    _adoptedHeader = false;
                    _seam.Absorb(); // the span skipped before this first record was the segment's damaged header
                }
                if (Seam()) return true;
                continue; // the whole block was the rest of a cut message
            }
            if (!OpenNext()) return false;
        }
    }

    // At a seam left by damage: drops the rest of a message cut by it, and hands out a status event first when the
    // message before it was cut. False when nothing of the block is left to hand out.
    private bool Seam()
    {
        var events = MemoryMarshal.Cast<byte, MarketEvent>(_buffer.AsSpan(_blockOffset, _blockCount * MarketEvent.Size));
        _blockPos = _seam.Entering(events, _log, _cursor!.Path, out var status);
        if (status is { } s)
        {
            _held = (_buffer, _blockOffset, _blockCount, _blockPos, _remap);
            Unsafe.WriteUnaligned(ref _statusBlock[0], s);
            (_buffer, _blockOffset, _blockCount, _blockPos, _remap) = (_statusBlock, 0, 1, 0, null); // its id is the registry's already
            return true;
        }
        return _blockPos < _blockCount;
    }

    private bool OpenNext()
    {
        if (_cursor is not null)
        {
            JournalReader.ReportEnd(_cursor, JournalStats, _log);
            CloseCursor();
        }
        while (_next < _segments.Count)
        {
            var cursor = new SegmentCursor(_segments[_next++], _buffer, JournalStats, _log);
            JournalStats.Segments++;
            JournalReader.AdoptSiblingHeader(cursor, JournalKind.Events, JournalStats, _log);
            _adoptedHeader = cursor.HeaderDamaged && cursor.Header is not null;
            if (cursor.Header is { } header && !Accept(cursor.Path, header))
            {
                JournalStats.BadHeaders++;
                cursor.Dispose();
                continue;
            }
            _cursor = cursor; // a bad header ends at once and is reported by ReportEnd
            return true;
        }
        return false;
    }

    private bool Accept(string path, JournalHeader header)
    {
        if (header.Kind != JournalKind.Events)
        {
            _log($"event journal: skipped {path}: it holds {header.Kind.ToString().ToLowerInvariant()}, not events");
            return false;
        }
        if (!HeaderSymbols.TryMap(header, _registry, out var remap, out string? problem, out string? note))
        {
            _log($"event journal: skipped {path}: its symbols do not fit the registry ({problem})");
            return false;
        }
        if (note is not null) _log($"event journal: {path}: {note}; the registry's specification is used");
        _remap = remap;
        return true;
    }

    private void CloseCursor()
    {
        _cursor?.Dispose();
        _cursor = null;
        _blockPos = _blockCount = 0;
    }

    /// <summary>Closes the current segment and returns the read buffer to the pool.</summary>
    public void Dispose()
    {
        CloseCursor();
        if (Interlocked.Exchange(ref _returned, 1) == 0) ArrayPool<byte>.Shared.Return(_rented);
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => JournalDamage.AddTo(total, JournalStats, Description);
}
