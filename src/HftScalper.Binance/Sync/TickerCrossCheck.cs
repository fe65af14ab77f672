using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Binance.Sync;

/// <summary>
/// An oracle from the exchange itself: a <c>bookTicker</c> whose <c>u</c> equals the final update id of an
/// applied depth message must equal the rebuilt book's best bid and ask (price and quantity). Tickers may
/// arrive before or after that message, so both orders are matched through small per-symbol rings.
/// Tickers are checked only against a <see cref="BookSyncState.Synced"/> book.
/// </summary>
public sealed class TickerCrossCheck
{
    private const int Window = 64;

    private readonly BookSynchronizer _sync;
    private PerSymbol?[] _symbols = new PerSymbol?[8];

    /// <summary>Creates a checker reading books from <paramref name="sync"/>.</summary>
    public TickerCrossCheck(BookSynchronizer sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        _sync = sync;
    }

    /// <summary>Tickers compared with a book at the same update id.</summary>
    public long Checked { get; private set; }

    /// <summary>Tickers equal to the book.</summary>
    public long Matched { get; private set; }

    /// <summary>Tickers seen while the symbol's book was not synced (never compared).</summary>
    public long SkippedUnsynced { get; private set; }

    /// <summary>Description of the first mismatch, for the report.</summary>
    public string? FirstMismatch { get; private set; }

    /// <summary>Observes one event after <see cref="BookSynchronizer.OnEvent"/> returned <paramref name="outcome"/> for it.</summary>
    public void Observe(in MarketEvent e, SyncOutcome outcome)
    {
        if (e.SymbolId < 0) return;
        switch (outcome)
        {
            case SyncOutcome.MessageApplied:
                OnApplied(e.SymbolId, e.UpdateId);
                return;
            case SyncOutcome.Gap or SyncOutcome.Crossed or SyncOutcome.Restarted or SyncOutcome.Overflow:
                Get(e.SymbolId).Reset();
                return;
        }
        if (e.Kind == MarketEventKind.TopOfBook) OnTicker(in e);
    }

    private void OnApplied(int symbolId, long u)
    {
        var s = Get(symbolId);
        var book = _sync.GetBook(symbolId)!;
        bool ok = book.TryGetTop(out var top);
        s.Applied[s.AppliedNext++ % Window] = (u, top, ok);
        if (u > s.MaxApplied) s.MaxApplied = u;
        // Tickers that arrived before their depth message.
        for (int i = 0; i < Window; i++)
        {
            ref var p = ref s.Pending[i];
            if (p.Kind == MarketEventKind.None || p.UpdateId > u) continue;
            if (p.UpdateId == u) Compare(in p, top, ok);
            p = default;
        }
    }

    private void OnTicker(in MarketEvent e)
    {
        if (_sync.GetState(e.SymbolId) != BookSyncState.Synced)
        {
            SkippedUnsynced++;
            return;
        }
        var s = Get(e.SymbolId);
        // Most tickers are newer than every remembered message: skip the window scan for them.
        if (e.UpdateId <= s.MaxApplied)
        {
            var applied = s.Applied;
            for (int i = 0; i < applied.Length; i++)
            {
                ref var a = ref applied[i];
                if (a.U != e.UpdateId || a.U == 0) continue;
                Compare(in e, a.Top, a.Ok);
                return;
            }
        }
        if (e.UpdateId > _sync.GetBookUpdateId(e.SymbolId)) s.Pending[s.PendingNext++ % Window] = e;
    }

    private void Compare(in MarketEvent ticker, TopOfBook top, bool ok)
    {
        Checked++;
        if (ok && top.BidPrice == ticker.Price && top.BidQuantity == ticker.Quantity
            && top.AskPrice == ticker.AskPrice && top.AskQuantity == ticker.AskQuantity)
        {
            Matched++;
            return;
        }
        FirstMismatch ??= $"symbol {ticker.SymbolId} u={ticker.UpdateId}: ticker {ticker.Quantity}@{ticker.Price} / " +
                          $"{ticker.AskQuantity}@{ticker.AskPrice}, book {(ok ? top.ToString() : "one side empty")}";
    }

    private PerSymbol Get(int symbolId)
    {
        if (symbolId >= _symbols.Length) Array.Resize(ref _symbols, Math.Max(_symbols.Length * 2, symbolId + 1));
        return _symbols[symbolId] ??= new PerSymbol();
    }

    private sealed class PerSymbol
    {
        public readonly (long U, TopOfBook Top, bool Ok)[] Applied = new (long, TopOfBook, bool)[Window];
        public readonly MarketEvent[] Pending = new MarketEvent[Window];
        public int AppliedNext;
        public int PendingNext;
        public long MaxApplied; // largest u in Applied since the last reset (no entry can match a larger one)

        public void Reset()
        {
            MaxApplied = 0;
            Array.Clear(Applied);
            Array.Clear(Pending);
        }
    }
}
