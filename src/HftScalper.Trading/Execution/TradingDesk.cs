using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Trading.Execution;

/// <summary>
/// The risk/execution end of the pipeline in one object, the same in every mode: order tracker, ledger (per-symbol
/// positions and marks), risk manager and the execution gateway the run's <see cref="IExecutionGatewayFactory"/>
/// supplies (the paper exchange in replay and paper trading, a venue client live).
/// <code>
/// every market event --OnMarketEvent--> simulated gateway (own books, fills) -> reports -> tracker, ledger, extra sink
/// every decision ------Decide---------> ledger mark, kill switch (flattens when it trips, keeps closing while halted)
///                                        -> risk (market view of the decision) -> gateway Submit
/// </code>
/// Times are the run's clock (<see cref="Core.Time.ITradingClock"/>: exchange time in replay, wall time live).
/// Single-threaded (the strategy stage); zero allocation per event and per order after construction.
/// </summary>
public sealed class TradingDesk : IDisposable
{
    private readonly ISimulatedGateway? _venue;
    private readonly IQueuedReportGateway? _queued;
    private readonly double _quotePerAccountUnit;
    private readonly double _maxDrawdownFraction;
    private readonly ILogger _logger;

    /// <summary>
    /// Builds the desk for the symbols registered now, with the gateway <paramref name="gateway"/> makes;
    /// <paramref name="extraSink"/> (e.g. run statistics) sees every report after the tracker and the ledger.
    /// Throws when no symbol is registered or the symbols' scales cannot hold the equity in 64-bit account units
    /// (check with <see cref="TryAccountUnits"/> first).
    /// </summary>
    public TradingDesk(SymbolRegistry symbols, TradingDeskOptions options, IExecutionGatewayFactory gateway,
        IExecutionReportSink? extraSink = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        int n = symbols.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(symbols));
        if (!TryAccountUnits(symbols, options.InitialEquity, out long initial, out int decimals))
            throw new ArgumentException($"symbol scales need {decimals} decimals of the quote asset, too fine for an equity of {options.InitialEquity} in 64-bit account units", nameof(symbols));
        _logger = logger ?? NullLogger.Instance;
        _maxDrawdownFraction = options.Risk.MaxDrawdownFraction;
        Ledger = new PositionLedger(symbols, initial);
        Orders = new OrderTracker(options.OrderCapacity, n, options.OrderIds);
        Risk = new RiskManager(symbols, options.Risk, Ledger, Orders, options.Fees);
        IExecutionReportSink sink = extraSink is null
            ? new ExecutionReportFanout(Orders, Ledger)
            : new ExecutionReportFanout(Orders, Ledger, extraSink);
        Gateway = gateway.Create(symbols, sink);
        _venue = Gateway as ISimulatedGateway;
        _queued = Gateway as IQueuedReportGateway;
        SymbolCount = n;
        _quotePerAccountUnit = 1.0 / FixedPoint.PowerOfTen(Ledger.AccountDecimals);
    }

    /// <summary>
    /// The account units a starting equity of <paramref name="initialEquity"/> (quote asset) takes with these symbols'
    /// scales (10^-<paramref name="decimals"/> of the quote asset, the finest price x quantity step). False when they
    /// are too fine for 64-bit account totals (e.g. generic 8/8 scales of an unknown symbol).
    /// </summary>
    public static bool TryAccountUnits(SymbolRegistry symbols, double initialEquity, out long units, out int decimals)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        decimals = 0;
        for (int i = 0; i < symbols.Count; i++) decimals = Math.Max(decimals, symbols[i].PriceDecimals + symbols[i].QuantityDecimals);
        double initialUnits = initialEquity * Math.Pow(10, decimals);
        units = 0;
        if (decimals > FixedPoint.MaxDecimals || !(initialUnits < long.MaxValue / 1024.0)) return false;
        units = (long)Math.Round(initialUnits);
        return true;
    }

    /// <summary>Symbols traded (ids below this); symbols registered after construction are not.</summary>
    public int SymbolCount { get; }

    /// <summary>Positions, PnL, equity and drawdown.</summary>
    public PositionLedger Ledger { get; }

    /// <summary>Our orders as the client side knows them.</summary>
    public OrderTracker Orders { get; }

    /// <summary>Sizing, limits, kill switch and verdict counters.</summary>
    public RiskManager Risk { get; }

    /// <summary>Where orders go (the paper exchange or a venue client).</summary>
    public IExecutionGateway Gateway { get; }

    /// <summary>Equity in the quote asset.</summary>
    public double Equity => Ledger.Equity * _quotePerAccountUnit;

    /// <summary>Orders sent: accepted entries and exits, and kill-switch cancels and closing orders.</summary>
    public long OrdersSent { get; private set; }

    /// <summary>Times the kill switch tripped.</summary>
    public long KillSwitchTrips { get; private set; }

    /// <summary>Flatten rounds that sent at least one cancel or closing order.</summary>
    public long Flattens { get; private set; }

    /// <summary>Call for every market event in ring order, before any decision on it: a simulated gateway matches
    /// and reports on exchange time; a live gateway delivers the reports that arrived since (<see cref="IQueuedReportGateway"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMarketEvent(in MarketEvent e)
    {
        _venue?.OnMarketEvent(in e);
        _queued?.DeliverReports();
    }

    /// <summary>Delivers a live gateway's queued reports outside a market event (e.g. on a timer, or at shutdown);
    /// returns how many (0 for a simulated gateway).</summary>
    public int DeliverReports() => _queued?.DeliverReports() ?? 0;

    /// <summary>
    /// One decision at <paramref name="nowNs"/> (the run's clock): marks the ledger at the view's bid/ask, checks the
    /// kill switch (flattening when it trips, and closing what is left of the symbol's position while halted), asks
    /// risk, and submits the order on <see cref="RiskVerdict.Accept"/> (<paramref name="order"/>; default otherwise).
    /// </summary>
    public RiskVerdict Decide(in Signal signal, in RiskMarketView market, long nowNs, out OrderRequest order)
    {
        int s = signal.SymbolId;
        if ((uint)s < (uint)SymbolCount)
        {
            if (market.BidTicks > 0 && market.AskTicks > 0) Ledger.Mark(s, market.BidTicks, market.AskTicks, nowNs);
            GuardDrawdown(s, nowNs);
        }
        var verdict = Risk.Evaluate(in signal, in market, nowNs, out order);
        if (verdict == RiskVerdict.Accept)
        {
            Gateway.Submit(in order);
            OrdersSent++;
        }
        else if (verdict == RiskVerdict.KillSwitchTripped)
        {
            TripKillSwitch(nowNs);
        }
        return verdict;
    }

    /// <summary>Marks a symbol to market outside a decision (e.g. on a timer live) with the same kill-switch
    /// guard as <see cref="Decide"/>.</summary>
    public void Mark(int symbolId, long bidTicks, long askTicks, long nowNs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)symbolId, (uint)SymbolCount, nameof(symbolId));
        Ledger.Mark(symbolId, bidTicks, askTicks, nowNs);
        GuardDrawdown(symbolId, nowNs);
    }

    /// <summary>End of a run: a simulated gateway delivers every report still travelling.</summary>
    public void Finish() => _venue?.FlushReports();

    /// <summary>Disposes the gateway when it holds resources (the paper venue's native books).</summary>
    public void Dispose() => (Gateway as IDisposable)?.Dispose();

    // A flatten that a thin book filled only partly leaves a remainder: keep closing it while halted (Flatten only
    // sends what open reducing orders do not already cover, so repeating it never over-closes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void GuardDrawdown(int s, long nowNs)
    {
        if (Risk.CheckKillSwitch(nowNs)) TripKillSwitch(nowNs);
        else if (Risk.IsHalted && Ledger.Position(s).PositionLots != 0) Flatten(nowNs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TripKillSwitch(long nowNs)
    {
        KillSwitchTrips++;
        int sent = Flatten(nowNs);
        _logger.LogError("Kill switch: drawdown {Drawdown:P2} reached the limit {Limit:P2}; trading halted, {Sent} flattening requests sent",
            Ledger.DrawdownFraction, _maxDrawdownFraction, sent);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Flatten(long nowNs)
    {
        int sent = Risk.Flatten(Gateway, nowNs);
        OrdersSent += sent;
        if (sent > 0) Flattens++;
        return sent;
    }
}
