using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Features.Engine;
using HftScalper.Native;

namespace HftScalper.Engine.Features;

/// <summary>
/// The book + features step, one code path for the ring stage and for dataset replay:
/// <code>
///  event --> BookSynchronizer (native book per symbol) --> FeatureEngine (book when synced, else null) --> row
/// </code>
/// Single-threaded (the stage's thread); allocation-free per event once each symbol has been seen.
/// </summary>
public sealed class BookFeatureProcessor : IDisposable
{
    // Per symbol: the history broke (resync, discard, status) since the symbol's last decision.
    private bool[] _breaks = new bool[8];

    /// <summary>Creates the synchronizer and the engine.</summary>
    public BookFeatureProcessor(SymbolRegistry symbols, BookSyncOptions syncOptions, FeatureEngineOptions? features = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        Sync = new BookSynchronizer(syncOptions);
        Features = new FeatureEngine(symbols, features);
    }

    /// <summary>The book synchronizer (books, sync state, counters).</summary>
    public BookSynchronizer Sync { get; }

    /// <summary>The feature engine (schema, width, counters).</summary>
    public FeatureEngine Features { get; }

    /// <summary>
    /// The source's quote is the market state (<see cref="Core.Feeds.IMarketEventFeed.QuoteIsMarketState"/>, set from
    /// the feed by the pipeline and the dataset replay): a decision without a synced depth book counts as synced when
    /// its quote is valid (<see cref="DecisionInfo.QuoteValid"/>). False by default: only a synced book counts.
    /// </summary>
    public bool QuoteIsMarketState { get; set; }

    /// <summary>
    /// Applies <paramref name="e"/> to its book, then folds it into the features. Returns true on a decision, with
    /// <see cref="FeatureEngine.Width"/> floats written into <paramref name="row"/> and <paramref name="info"/> filled.
    /// </summary>
    public bool OnEvent(in MarketEvent e, Span<float> row, out DecisionInfo info)
    {
        var outcome = Sync.OnEvent(in e);
        if (e.Kind == MarketEventKind.Status || outcome is SyncOutcome.SnapshotApplied or SyncOutcome.Gap or SyncOutcome.Crossed
            or SyncOutcome.Overflow or SyncOutcome.Restarted) MarkBreak(e.SymbolId);
        NativeOrderBook? book = null;
        if (e.SymbolId >= 0 && e.Kind != MarketEventKind.Status && Sync.GetState(e.SymbolId) == BookSyncState.Synced)
            book = Sync.GetBook(e.SymbolId);
        return Decide(in e, book, row, out info);
    }

    /// <summary>
    /// The events of one depth message (<see cref="MarketEventKind.BookDelta"/> levels of one symbol, the last one
    /// flagged last-in-message), handled as <see cref="OnEvent"/> would handle each in turn, with the same book, rows
    /// and return value as for the last: a message that chains onto a synced book is applied in one native call
    /// (<see cref="BookSynchronizer.TryApplyDepthMessage"/>) and its levels before the last fold into the features
    /// once (they share the symbol and the times, which is all the features read of a level inside a message); any
    /// other message goes event by event.
    /// </summary>
    public bool OnDepthMessage(ReadOnlySpan<MarketEvent> message, Span<float> row, out DecisionInfo info)
    {
        if (!Sync.TryApplyDepthMessage(message, out var outcome, out bool syncedDuring))
        {
            for (int i = 0; i < message.Length - 1; i++) OnEvent(in message[i], row, out _);
            return OnEvent(in message[^1], row, out info);
        }
        ref readonly var last = ref message[^1];
        int symbol = last.SymbolId;
        if (outcome is SyncOutcome.Gap or SyncOutcome.Crossed or SyncOutcome.Overflow or SyncOutcome.Restarted) MarkBreak(symbol);
        if (message.Length > 1) Features.OnEvent(in message[0], syncedDuring ? Sync.GetBook(symbol) : null, row);
        var book = Sync.GetState(symbol) == BookSyncState.Synced ? Sync.GetBook(symbol) : null;
        return Decide(in last, book, row, out info);
    }

    // The features of an event whose book is applied; on a decision, the row and the decision's facts.
    private bool Decide(in MarketEvent e, NativeOrderBook? book, Span<float> row, out DecisionInfo info)
    {
        if (!Features.OnEvent(in e, book, row))
        {
            info = default;
            return false;
        }
        info.SymbolId = e.SymbolId;
        info.ExchangeTimeNs = Features.GetClock(e.SymbolId);
        info.LocalTimeNs = e.LocalTimeNs;
        info.SequenceBreak = TakeBreak(e.SymbolId);
        if (Features.TryGetQuote(e.SymbolId, out long bid, out long ask))
        {
            info.BidTicks = bid;
            info.AskTicks = ask;
            info.MidTicks = (bid + ask) * 0.5;
        }
        else
        {
            info.BidTicks = info.AskTicks = 0;
            info.MidTicks = 0;
        }
        info.BookSynced = book is not null || (QuoteIsMarketState && DecisionInfo.IsValidQuote(info.BidTicks, info.AskTicks));
        return true;
    }

    // Symbol -1 (a status event for the whole feed) breaks every symbol's history.
    private void MarkBreak(int symbolId)
    {
        if (symbolId < 0) { _breaks.AsSpan().Fill(true); return; }
        if (symbolId >= _breaks.Length) Array.Resize(ref _breaks, Math.Max(symbolId + 1, 2 * _breaks.Length));
        _breaks[symbolId] = true;
    }

    private bool TakeBreak(int symbolId)
    {
        if ((uint)symbolId >= (uint)_breaks.Length || !_breaks[symbolId]) return false;
        _breaks[symbolId] = false;
        return true;
    }

    /// <summary>Releases the native books.</summary>
    public void Dispose() => Sync.Dispose();
}
