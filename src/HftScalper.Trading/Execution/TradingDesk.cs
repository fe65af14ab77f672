using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Execution;

/// <summary>
/// The risk/execution end of the pipeline in one object, for paper trading and backtests: order tracker, ledger,
/// risk manager and paper exchange wired together, with the per-symbol market state risk needs.
/// <code>
/// every market event --OnMarketEvent--> paper exchange (fills) -> reports -> tracker, ledger, extra sink
///                                     \-> ledger mark, kill-switch check (flattens when it trips)
/// every decision ------OnSignal-------> risk (view built from the last event) -> Submit / Flatten
/// </code>
/// Single-threaded (the execution stage); zero allocation per event and per order after construction.
/// </summary>
public sealed class TradingDesk
{
    private readonly long[] _lastEventNs;
    private readonly long[] _bid;
    private readonly long[] _ask;
    private readonly bool[] _synced;

    /// <summary>Builds the desk for the symbols registered now; <paramref name="extraSink"/> (e.g. run statistics)
    /// sees every report after the tracker and the ledger.</summary>
    public TradingDesk(SymbolRegistry symbols, TradingDeskOptions? options = null, IExecutionReportSink? extraSink = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        options ??= new TradingDeskOptions();
        int n = symbols.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(symbols));
        int decimals = 0;
        for (int i = 0; i < n; i++) decimals = Math.Max(decimals, symbols[i].PriceDecimals + symbols[i].QuantityDecimals);
        Ledger = new PositionLedger(symbols, checked((long)Math.Round(options.InitialEquity * FixedPoint.PowerOfTen(decimals))));
        Orders = new OrderTracker(options.OrderCapacity, n);
        Risk = new RiskManager(symbols, options.Risk, Ledger, Orders);
        IExecutionReportSink sink = extraSink is null
            ? new ExecutionReportFanout(Orders, Ledger)
            : new ExecutionReportFanout(Orders, Ledger, extraSink);
        Exchange = new PaperExchange(sink, options.Exchange);
        _lastEventNs = new long[n];
        _bid = new long[n];
        _ask = new long[n];
        _synced = new bool[n];
    }

    /// <summary>Positions, PnL, equity and drawdown.</summary>
    public PositionLedger Ledger { get; }

    /// <summary>Our orders as the client side knows them.</summary>
    public OrderTracker Orders { get; }

    /// <summary>Sizing, limits, kill switch and verdict counters.</summary>
    public RiskManager Risk { get; }

    /// <summary>The simulated venue.</summary>
    public PaperExchange Exchange { get; }

    /// <summary>Flatten rounds that sent at least one cancel or closing order.</summary>
    public long Flattens { get; private set; }

    /// <summary>
    /// Call for every market event in ring order, after the symbol's book applied it; <paramref name="book"/> is
    /// that book when synced, else null. Runs the paper exchange, then (at a consistent book) marks the ledger
    /// and checks the kill switch, flattening when it trips.
    /// </summary>
    public void OnMarketEvent(in MarketEvent e, NativeOrderBook? book)
    {
        Exchange.OnMarketEvent(in e, book);
        int s = e.SymbolId;
        if ((uint)s >= (uint)_lastEventNs.Length) return;
        _lastEventNs[s] = e.ExchangeTimeNs;
        _synced[s] = book is not null;
        bool consistent = e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel) || e.IsLastInMessage;
        if (book is null || !consistent || e.Kind is MarketEventKind.Trade or MarketEventKind.Clock) return;
        if (!book.TryGetTop(out var top) || (top.BidPrice == _bid[s] && top.AskPrice == _ask[s])) return;
        _bid[s] = top.BidPrice;
        _ask[s] = top.AskPrice;
        Ledger.Mark(s, top.BidPrice, top.AskPrice, e.ExchangeTimeNs);
        // Halted: keep closing whatever is left (a thin book may have filled the first flatten only in part).
        if (Risk.CheckKillSwitch(e.ExchangeTimeNs) || Risk.IsHalted) Flatten(e.ExchangeTimeNs);
    }

    /// <summary>
    /// Call for every signal: builds the market view from the symbol's last event (book synced, best bid/ask,
    /// event time), asks risk, and submits the order on <see cref="RiskVerdict.Accept"/> (flattens on a trip).
    /// <paramref name="volatility"/> feeds optional volatility scaling (0 when unknown).
    /// </summary>
    public RiskVerdict OnSignal(in Signal signal, bool modelHealthy, float volatility, long nowNs)
    {
        int s = signal.SymbolId;
        var view = (uint)s < (uint)_lastEventNs.Length
            ? new RiskMarketView
            {
                BookSynced = _synced[s], ModelHealthy = modelHealthy, BidTicks = _bid[s], AskTicks = _ask[s],
                LastEventTimeNs = _lastEventNs[s], Volatility = volatility,
            }
            : default;
        var verdict = Risk.Evaluate(in signal, in view, nowNs, out var order);
        if (verdict == RiskVerdict.Accept) Exchange.Submit(in order);
        else if (verdict == RiskVerdict.KillSwitchTripped) Flatten(nowNs);
        return verdict;
    }

    /// <summary>End of a backtest: delivers every report still travelling.</summary>
    public void Finish() => Exchange.FlushReports();

    private void Flatten(long nowNs)
    {
        if (Risk.Flatten(Exchange, nowNs) > 0) Flattens++;
    }
}
