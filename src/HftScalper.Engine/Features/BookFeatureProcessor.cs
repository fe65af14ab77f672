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
    /// Applies <paramref name="e"/> to its book, then folds it into the features. Returns true on a decision, with
    /// <see cref="FeatureEngine.Width"/> floats written into <paramref name="row"/> and <paramref name="info"/> filled.
    /// </summary>
    public bool OnEvent(in MarketEvent e, Span<float> row, out DecisionInfo info)
    {
        Sync.OnEvent(in e);
        NativeOrderBook? book = null;
        if (e.SymbolId >= 0 && e.Kind != MarketEventKind.Status && Sync.GetState(e.SymbolId) == BookSyncState.Synced)
            book = Sync.GetBook(e.SymbolId);
        if (!Features.OnEvent(in e, book, row))
        {
            info = default;
            return false;
        }
        info.SymbolId = e.SymbolId;
        info.ExchangeTimeNs = Features.GetClock(e.SymbolId);
        info.LocalTimeNs = e.LocalTimeNs;
        info.BookSynced = book is not null;
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
        return true;
    }

    /// <summary>Releases the native books.</summary>
    public void Dispose() => Sync.Dispose();
}
