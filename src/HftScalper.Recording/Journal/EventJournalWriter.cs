using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Writes parsed <see cref="MarketEvent"/>s into an event journal (<see cref="EventJournalFormat"/>): events
/// collect in a block, and each full block becomes one CRC-checked record through a <see cref="JournalWriter"/>
/// (which owns segment rolling, start-up repair and the flush policy). Not thread-safe: one writer thread.
/// </summary>
/// <remarks>
/// Each segment header lists the registry's symbols with their full specification, so a reader rebuilds the registry.
/// A block holds only events appended while the registry had one size: when it grows (a parser met a new symbol) the
/// open block is written first, and the next block opens a new segment whose header adds the symbol. So a replay
/// registers each symbol right before its first event, as a replay of the original frames does (the trading session
/// is built over the symbols known at the first event: one listed earlier would be traded, changing the decisions).
/// </remarks>
internal sealed class EventJournalWriter : IDisposable
{
    private readonly JournalWriter _writer;
    private readonly SymbolRegistry _symbols;
    private readonly MarketEvent[] _block;
    private int _count;
    private int _blockSymbols; // registry size while the open block's events were appended

    /// <summary>Opens a writer on <see cref="JournalWriterOptions.Directory"/> (repairing the newest segment there).</summary>
    /// <param name="options">Segment settings; <see cref="JournalWriterOptions.Symbols"/> is required (the ids of the events).</param>
    /// <param name="blockEvents">Events per block (1..<see cref="EventJournalFormat.MaxBlockEvents"/>).</param>
    public EventJournalWriter(JournalWriterOptions options, int blockEvents = EventJournalFormat.DefaultBlockEvents)
    {
        ArgumentNullException.ThrowIfNull(options);
        _symbols = options.Symbols ?? throw new ArgumentException("an event journal needs the symbol registry of its events", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(blockEvents, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockEvents, EventJournalFormat.MaxBlockEvents);
        // The write buffer must hold a whole block record, else each block takes the oversized (allocating) path.
        int buffer = Math.Max(options.BufferSize, JournalFormat.RecordSize(blockEvents * MarketEvent.Size));
        _writer = new JournalWriter(options with { Kind = JournalKind.Events, BufferSize = buffer });
        _block = GC.AllocateArray<MarketEvent>(blockEvents, pinned: true);
    }

    /// <summary>Counters of the underlying writer (records = blocks) and of repairs at open.</summary>
    public JournalStats Stats => _writer.Stats;

    /// <summary>Events appended so far (including those still in the open block).</summary>
    public long Events { get; private set; }

    /// <summary>Appends one event (copied). Allocation-free unless a segment rolls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(in MarketEvent ev)
    {
        if (_symbols.Count != _blockSymbols) NewSymbols();
        _block[_count++] = ev;
        Events++;
        if (_count == _block.Length) WriteBlock();
    }

    /// <summary>Appends a batch of events (copied).</summary>
    public void Append(ReadOnlySpan<MarketEvent> events)
    {
        if (_symbols.Count != _blockSymbols) NewSymbols();
        while (!events.IsEmpty)
        {
            int n = Math.Min(events.Length, _block.Length - _count);
            events[..n].CopyTo(_block.AsSpan(_count));
            _count += n;
            Events += n;
            events = events[n..];
            if (_count == _block.Length) WriteBlock();
        }
    }

    /// <summary>Writes the open block (even if partial) and flushes the file.</summary>
    public void Flush()
    {
        if (_count > 0) WriteBlock();
        _writer.Flush();
    }

    // The registry grew: the events so far go out in their own block (under the header they were appended with).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NewSymbols()
    {
        if (_count > 0) WriteBlock();
        _blockSymbols = _symbols.Count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteBlock()
    {
        long firstNs = _block[0].LocalTimeNs;
        _writer.EnsureHeaderSymbols(firstNs, _blockSymbols);
        var bytes = MemoryMarshal.AsBytes(_block.AsSpan(0, _count));
        _writer.Append(firstNs, (Core.Frames.FrameOrigin)EventJournalFormat.BlockOrigin, -1, _count, bytes);
        _count = 0;
    }

    /// <summary>Writes the open block, flushes and closes the segment.</summary>
    public void Dispose()
    {
        if (_count > 0) WriteBlock();
        _writer.Dispose();
    }
}
