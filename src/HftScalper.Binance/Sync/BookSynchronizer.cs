using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Binance.Sync;

/// <summary>
/// Keeps one <see cref="NativeOrderBook"/> per symbol in sync with Binance's depth stream under the documented
/// update-id rules, as a ring consumer stage: feed it every event in order with <see cref="OnEvent"/>.
/// </summary>
/// <remarks>
/// <code>
///  parser --> ring --> [BookSynchronizer.OnEvent] --> per-symbol state + native book --> features / strategy
///                              |
///                              +--> SnapshotRequested(symbol) --> live client fetches REST --> parser --> ring
/// </code>
/// <para>Per symbol (see <see cref="BookSyncState"/>): depth events are buffered (pre-allocated, bounded) until a
/// snapshot arrives; a snapshot older than the first buffered message is refused and requested again; what it
/// covers is dropped, the rest replayed; after that every message must chain, else the book is discarded
/// (gap) and a snapshot requested. A crossed book, a reconnect or disconnect <see cref="MarketEventKind.Status"/>
/// event (symbol id -1 = all symbols), or a buffer overflow also restart the sync. A synced book with no depth
/// message for <see cref="BookSyncOptions.StaleAfterNs"/> of event time turns <see cref="BookSyncState.Stale"/>
/// until the next chained message.</para>
/// <para>Single-threaded: only the consumer thread calls <see cref="OnEvent"/>. <see cref="GetState"/>,
/// <see cref="IsSnapshotRequested"/> and the counters may be read from any thread. Allocates only when a
/// symbol is first seen (its book and buffer).</para>
/// </remarks>
public sealed class BookSynchronizer : IDisposable
{
    private readonly BookSyncOptions _options;
    private SymbolBookSync?[] _symbols = new SymbolBookSync?[8];
    private long _nowNs;
    private long _nextStaleCheckNs;

    /// <summary>Creates a synchronizer.</summary>
    public BookSynchronizer(BookSyncOptions? options = null)
    {
        _options = options ?? new BookSyncOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBufferedEvents, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.StaleAfterNs);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLevelsPerSide, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxLevelsPerSide, NativeOrderBook.MaxLevelsLimit);
    }

    /// <summary>Book levels dropped so far by the per-side cap (<see cref="BookSyncOptions.MaxLevelsPerSide"/>),
    /// summed over every symbol's native book. One native call per symbol: for reports, not the hot path.</summary>
    public long LevelsDroppedByCap
    {
        get
        {
            long n = 0;
            foreach (var s in Volatile.Read(ref _symbols)) if (s is not null) n += s.Book.GetStats().LevelsDropped;
            return n;
        }
    }

    /// <summary>Counters over all symbols.</summary>
    public BookSyncCounters Counters { get; } = new();

    /// <summary>The rules and limits in use.</summary>
    public BookSyncOptions Options => _options;

    /// <summary>Latest event time seen (local receive time, else exchange time), ns.</summary>
    public long NowNs => _nowNs;

    /// <summary>Processes one event (in ring order) and says what it did.</summary>
    public SyncOutcome OnEvent(in MarketEvent e)
    {
        long t = e.LocalTimeNs != 0 ? e.LocalTimeNs : e.ExchangeTimeNs;
        if (t > _nowNs) _nowNs = t;
        if (_options.StaleAfterNs > 0 && _nowNs >= _nextStaleCheckNs) CheckStale();
        switch (e.Kind)
        {
            case MarketEventKind.BookDelta:
                return Symbol(e.SymbolId)?.OnDepth(in e, t) ?? SyncOutcome.None;
            case MarketEventKind.SnapshotLevel:
                return Symbol(e.SymbolId)?.OnSnapshot(in e, t) ?? SyncOutcome.None;
            case MarketEventKind.Status:
                return OnStatus(in e);
            default:
                return SyncOutcome.None;
        }
    }

    /// <summary>
    /// Processes the events of one parsed frame in order, like <see cref="OnEvent"/> for each, but applies a
    /// depth message that chains onto a synced book in one native call. Returns the outcome that matters for
    /// the frame: the first gap, crossed, restart or overflow if any, else the last event's outcome.
    /// </summary>
    public SyncOutcome OnEvents(ReadOnlySpan<MarketEvent> events)
    {
        if (events.IsEmpty) return SyncOutcome.None;
        ref readonly var first = ref events[0];
        if (events.Length == 1 || first.Kind != MarketEventKind.BookDelta) return OnEachEvent(events);
        for (int i = 1; i < events.Length; i++)
            if (events[i].Kind != MarketEventKind.BookDelta || events[i].SymbolId != first.SymbolId) return OnEachEvent(events);
        long t = first.LocalTimeNs != 0 ? first.LocalTimeNs : first.ExchangeTimeNs;
        if (t > _nowNs) _nowNs = t;
        if (_options.StaleAfterNs > 0 && _nowNs >= _nextStaleCheckNs) CheckStale();
        return Symbol(first.SymbolId)?.OnDepthMessage(events, t) ?? SyncOutcome.None;
    }

    /// <summary>
    /// Applies one whole depth message in one native call when it chains onto a synced (or stale) book, is one
    /// message of one symbol with one receive and exchange time, and every level is valid; the outcome is the one
    /// <see cref="OnEvent"/> would return for its last event, and the book equals the one event-by-event application
    /// gives. Otherwise returns false having changed nothing (the caller then goes event by event).
    /// <paramref name="syncedDuring"/> is what <see cref="GetState"/> said between the message's levels
    /// (<see cref="BookSyncState.Synced"/>, or stale), i.e. what an event-by-event caller saw before the last level.
    /// </summary>
    public bool TryApplyDepthMessage(ReadOnlySpan<MarketEvent> message, out SyncOutcome outcome, out bool syncedDuring)
    {
        outcome = SyncOutcome.None;
        syncedDuring = false;
        if (message.IsEmpty || message[0].Kind != MarketEventKind.BookDelta || Find(message[0].SymbolId) is not { } s
            || !s.CanApplyWhole(message)) return false;
        ref readonly var first = ref message[0];
        long t = first.LocalTimeNs != 0 ? first.LocalTimeNs : first.ExchangeTimeNs;
        if (t > _nowNs) _nowNs = t;
        // Staleness can only turn synced into stale, so the message still applies whole.
        if (_options.StaleAfterNs > 0 && _nowNs >= _nextStaleCheckNs) CheckStale();
        syncedDuring = s.State == BookSyncState.Synced;
        outcome = s.ApplyWhole(message, t); // checked above: the message is read once
        return true;
    }

    private SyncOutcome OnEachEvent(ReadOnlySpan<MarketEvent> events)
    {
        var outcome = SyncOutcome.None;
        for (int i = 0; i < events.Length; i++)
        {
            var o = OnEvent(in events[i]);
            if (outcome is not (SyncOutcome.Gap or SyncOutcome.Crossed or SyncOutcome.Restarted or SyncOutcome.Overflow)) outcome = o;
        }
        return outcome;
    }

    /// <summary>State of a symbol's book; <see cref="BookSyncState.Syncing"/> for a symbol never seen.
    /// Trade only on <see cref="BookSyncState.Synced"/>.</summary>
    public BookSyncState GetState(int symbolId)
    {
        var s = Find(symbolId);
        return s?.State ?? BookSyncState.Syncing;
    }

    /// <summary>The final update id the symbol's book is consistent at (meaningful when synced or stale).</summary>
    public long GetBookUpdateId(int symbolId) => Find(symbolId)?.BookId ?? 0;

    /// <summary>The symbol's native book, or null before its first depth event. Trust it only when synced.</summary>
    public NativeOrderBook? GetBook(int symbolId) => Find(symbolId)?.Book;

    /// <summary>Whether the symbol waits for a REST snapshot (the live client should fetch one and feed the
    /// body back through the parser as a <see cref="Core.Frames.FrameOrigin.RestSnapshot"/> frame).</summary>
    public bool IsSnapshotRequested(int symbolId) => Find(symbolId)?.SnapshotRequested ?? false;

    /// <summary>Finds a symbol waiting for a snapshot and clears its request (poll this off the hot path;
    /// a later gap or refused snapshot sets it again). Returns false when none waits.</summary>
    public bool TryTakeSnapshotRequest(out int symbolId)
    {
        var all = Volatile.Read(ref _symbols);
        foreach (var s in all)
        {
            if (s is null || !s.SnapshotRequested) continue;
            s.SnapshotRequested = false;
            symbolId = s.SymbolId;
            return true;
        }
        symbolId = -1;
        return false;
    }

    /// <summary>Depth events buffered for a symbol while it waits for a snapshot.</summary>
    public int GetBufferedEvents(int symbolId) => Find(symbolId)?.BufferedEvents ?? 0;

    /// <summary>Releases every native book (first folding their dropped-level counts into
    /// <see cref="BookSyncCounters.LevelsDroppedByCap"/>).</summary>
    public void Dispose()
    {
        if (_symbols.Length > 0) Counters.LevelsDroppedByCap = LevelsDroppedByCap;
        foreach (var s in _symbols) s?.Dispose();
        _symbols = [];
    }

    private SyncOutcome OnStatus(in MarketEvent e)
    {
        var status = (FeedStatus)e.UpdateId;
        if (status is not (FeedStatus.Disconnected or FeedStatus.Reconnected or FeedStatus.Gap)) return SyncOutcome.None;
        if (e.SymbolId >= 0)
        {
            Find(e.SymbolId)?.OnReconnect();
            return SyncOutcome.Restarted;
        }
        foreach (var s in _symbols) s?.OnReconnect();
        return SyncOutcome.Restarted;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SymbolBookSync? Find(int symbolId)
    {
        var all = Volatile.Read(ref _symbols);
        return (uint)symbolId < (uint)all.Length ? all[symbolId] : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SymbolBookSync? Symbol(int symbolId)
    {
        var all = _symbols;
        if ((uint)symbolId < (uint)all.Length && all[symbolId] is { } s) return s;
        return symbolId < 0 ? null : AddSymbol(symbolId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private SymbolBookSync AddSymbol(int symbolId)
    {
        var all = _symbols;
        if (symbolId >= all.Length)
        {
            var bigger = new SymbolBookSync?[Math.Max(all.Length * 2, symbolId + 1)];
            all.CopyTo(bigger, 0);
            all = bigger;
        }
        var s = new SymbolBookSync(symbolId, _options, Counters);
        all[symbolId] = s;
        Volatile.Write(ref _symbols, all);
        return s;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckStale()
    {
        foreach (var s in _symbols) s?.MarkStaleIfIdle(_nowNs, _options.StaleAfterNs);
        _nextStaleCheckNs = _nowNs + Math.Max(1, _options.StaleAfterNs / 8);
    }
}
