using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Margin;
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
///                                        -> quote manager (symbols with a followed order or a position: keep, reprice,
///                                           cancel, take-profit, stops; the venue's touch when it is an ITouchSource)
/// every decision ------Decide---------> ledger mark, kill switch (flattens when it trips, keeps closing while halted)
///                                        -> USD-M: margin mark (mark price, else mid), close a position near its
///                                           liquidation price
/// mark-price events ---OnMarketEvent--> margin account (mark, stream funding time/rate); not the venue
///                                        -> quote manager (signal, decision's touch) -> entry cool-down
///                                        -> risk (market view of the decision) -> gateway Submit (post-only entries
///                                           are then followed by the quote manager)
/// </code>
/// A run with USD-M symbols also has a <see cref="MarginAccount"/>: funding is charged at the funding times the event
/// clock crosses (before the event that crosses one reaches the venue), and risk checks an entry's margin and
/// liquidation price. A USD-M position whose liquidation price comes within
/// <see cref="FuturesOptions.ReduceLiquidationDistanceBps"/> of the mark is closed by a reduce-only market order (that
/// symbol only; the kill switch stays for the account's drawdown).
/// Times are the run's clock (<see cref="Core.Time.ITradingClock"/>: exchange time in replay, wall time live).
/// Single-threaded (the strategy stage); zero allocation per event and per order after construction.
/// </summary>
public sealed class TradingDesk : IDisposable
{
    private readonly IExecutionGateway _inner;
    private readonly ISimulatedGateway? _venue;
    private readonly IQueuedReportGateway? _queued;
    private readonly ITouchSource? _touch;
    private readonly IReferencePriceSink? _reference;
    private readonly ITradingClock? _clock;
    private readonly double _quotePerAccountUnit;
    private readonly double _maxDrawdownFraction;
    private readonly ILogger _logger;

    /// <summary>
    /// Builds the desk for the symbols registered now, with the gateway <paramref name="gateway"/> makes;
    /// <paramref name="extraSink"/> (e.g. run statistics) sees every report after the tracker and the ledger.
    /// Throws when no symbol is registered or the symbols' scales cannot hold the equity in 64-bit account units
    /// (check with <see cref="TryAccountUnits"/> first). <paramref name="clock"/> times the quote manager's actions on
    /// market events (default: the event's exchange time, as in replay). <paramref name="orderFlow"/> (e.g. the order
    /// journal) sees every request before the gateway and every report after <paramref name="extraSink"/>; null = nobody.
    /// </summary>
    public TradingDesk(SymbolRegistry symbols, TradingDeskOptions options, IExecutionGatewayFactory gateway,
        IExecutionReportSink? extraSink = null, ILogger? logger = null, ITradingClock? clock = null, IOrderFlowObserver? orderFlow = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        int n = symbols.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(symbols));
        if (!TryAccountUnits(symbols, options.InitialEquity, out long initial, out int decimals, options.Traded))
            throw new ArgumentException($"symbol scales need {decimals} decimals of the account asset, too fine for an equity of {options.InitialEquity} in 64-bit account units", nameof(symbols));
        _logger = logger ?? NullLogger.Instance;
        Executions.Logger = _logger;
        _maxDrawdownFraction = options.Risk.MaxDrawdownFraction;
        Ledger = new PositionLedger(symbols, initial, SymbolAmounts.Create(symbols, options.Traded, options.Futures.ContractSizes));
        Orders = new OrderTracker(options.OrderCapacity, n, options.OrderIds);
        var margin = new MarginAccount(symbols, options.Futures, Ledger, Orders);
        Margin = margin.AnyMargined ? margin : null;
        Risk = new RiskManager(symbols, options.Risk, Ledger, Orders, Margin, options.Fees);
        var sinks = new List<IExecutionReportSink>(5) { Orders, Ledger, Executions };
        if (extraSink is not null) sinks.Add(extraSink);
        if (orderFlow is not null) sinks.Add(orderFlow);
        _inner = gateway.Create(symbols, new ExecutionReportFanout([.. sinks]));
        Gateway = orderFlow is null ? _inner : new ObservedGateway(_inner, orderFlow);
        _venue = _inner as ISimulatedGateway;
        _queued = _inner as IQueuedReportGateway;
        _touch = _inner as ITouchSource;
        _reference = _inner as IReferencePriceSink; // a live venue's percent-price band pre-check: the mid of each decision
        margin.VenueRisk = _inner as IVenueRiskSource; // live USD-M: the exchange's liquidation prices first
        _clock = clock;
        Quotes = new QuoteManager(n, options.Quotes, Orders, Ledger, Risk, Gateway);
        if (_inner is IVenueGatedGateway live)
        {
            live.Bind(Orders, Ledger);
            Risk.VenueGate = live; // fail closed: no new order while the live venue is not ready
        }
        SymbolCount = n;
        _quotePerAccountUnit = 1.0 / FixedPoint.PowerOfTen(Ledger.AccountDecimals);
    }

    /// <summary>
    /// The account units a starting equity of <paramref name="initialEquity"/> (account asset) takes with the traded
    /// symbols' scales (10^-<paramref name="decimals"/> of the account asset, the finest amount unit of a traded symbol:
    /// price x quantity step, or <see cref="InverseContracts.AmountDecimals"/> for an inverse contract). Only the symbols
    /// <paramref name="traded"/> marks count (null: all): an untraded symbol's scales never disable the run. False when
    /// they are too fine for 64-bit account totals (e.g. generic 8/8 scales of an unknown symbol).
    /// </summary>
    public static bool TryAccountUnits(SymbolRegistry symbols, double initialEquity, out long units, out int decimals, IReadOnlyList<bool>? traded = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        decimals = 0;
        for (int i = 0; i < symbols.Count; i++)
            if (traded is null || (i < traded.Count && traded[i])) decimals = Math.Max(decimals, SymbolAmounts.DecimalsOf(symbols[i]));
        double initialUnits = initialEquity * Math.Pow(10, decimals);
        units = 0;
        if (decimals > FixedPoint.MaxDecimals || !Fits(initialUnits)) return false;
        units = (long)Math.Round(initialUnits);
        return true;
    }

    /// <summary>The most account decimals (10^-d units of the account asset) a starting equity of
    /// <paramref name="initialEquity"/> fits in with the traded symbols' amounts (the bound <see cref="TryAccountUnits"/>
    /// checks): what a live run registers its symbols' quantity scales within.</summary>
    public static int MaxAccountDecimals(double initialEquity)
    {
        int d = 0;
        while (d < FixedPoint.MaxDecimals && Fits(initialEquity * Math.Pow(10, d + 1))) d++;
        return d;
    }

    // Room for 64-bit sums of amounts (1024 x the equity).
    private static bool Fits(double initialUnits) => initialUnits < long.MaxValue / 1024.0;

    /// <summary>Symbols traded (ids below this); symbols registered after construction are not.</summary>
    public int SymbolCount { get; }

    /// <summary>Positions, PnL, equity and drawdown.</summary>
    public PositionLedger Ledger { get; }

    /// <summary>Our orders as the client side knows them.</summary>
    public OrderTracker Orders { get; }

    /// <summary>Futures margin, liquidation and funding (null when no traded symbol is on a USD-M or COIN-M venue).</summary>
    public MarginAccount? Margin { get; }

    /// <summary>Sizing, limits, kill switch and verdict counters.</summary>
    public RiskManager Risk { get; }

    /// <summary>Keeps, reprices or cancels resting post-only orders and closes positions (take-profit, stops).</summary>
    public QuoteManager Quotes { get; }

    /// <summary>Fills by liquidity, rejects and cancels the gateway reported.</summary>
    public ExecutionCounts Executions { get; } = new();

    /// <summary>Where orders go (the paper exchange or a venue client; with an order-flow observer, a wrapper that
    /// tells it of each request first).</summary>
    public IExecutionGateway Gateway { get; }

    /// <summary>Equity in the account asset.</summary>
    public double Equity => Ledger.Equity * _quotePerAccountUnit;

    /// <summary>Orders sent: accepted entries and exits, and kill-switch cancels and closing orders.</summary>
    public long OrdersSent { get; private set; }

    /// <summary>Times the kill switch tripped.</summary>
    public long KillSwitchTrips { get; private set; }

    /// <summary>Frame received -> order handed to a simulated gateway (paper and replay), ns, for orders whose
    /// decision knew its frame's receive time. Empty with a live gateway: there the WebSocket API client measures up
    /// to the bytes written to the socket (<c>WsApiClient.TickToOrder</c>).</summary>
    public LatencyHistogram TickToOrder { get; } = new();

    /// <summary>Flatten rounds that sent at least one cancel or closing order.</summary>
    public long Flattens { get; private set; }

    /// <summary>Call for every market event in ring order, before any decision on it: a simulated gateway matches
    /// and reports on exchange time; a live gateway delivers the reports that arrived since (<see cref="IQueuedReportGateway"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMarketEvent(in MarketEvent e)
    {
        Margin?.AdvanceTo(e.ExchangeTimeNs);
        if (e.Kind == MarketEventKind.MarkPrice)
        {
            OnMarkPrice(in e);
            return;
        }
        _venue?.OnMarketEvent(in e);
        _queued?.DeliverReports();
        int s = e.SymbolId;
        if ((uint)s >= (uint)SymbolCount) return;
        if (e.Kind == MarketEventKind.Trade) Quotes.OnTrade(in e);
        if (Quotes.HasWork(s) && (e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel) || e.IsLastInMessage))
            ManageQuotes(in e);
    }

    // The exchange's mark price marks the margin account (no book change: the paper venue and quotes never see it).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnMarkPrice(in MarketEvent e)
    {
        _queued?.DeliverReports();
        if (Margin is not { } margin || (uint)e.SymbolId >= (uint)SymbolCount) return;
        margin.OnMarkPrice(e.SymbolId, e.Price, e.FundingRateE8, e.NextFundingTimeNs, _clock?.NowNs(e.ExchangeTimeNs) ?? e.ExchangeTimeNs);
    }

    /// <summary>The events of one depth message (levels of one symbol, the last flagged last-in-message): the same as
    /// <see cref="OnMarketEvent"/> for each in turn, but a simulated venue takes the message in one call
    /// (<see cref="ISimulatedGateway.OnMarketEvents"/>: one native book call for its levels).</summary>
    public void OnMarketEvents(ReadOnlySpan<MarketEvent> message)
    {
        if (_venue is null || Margin is not null || _queued is not null)
        {
            foreach (ref readonly var e in message) OnMarketEvent(in e);
            return;
        }
        _venue.OnMarketEvents(message);
        ref readonly var last = ref message[^1];
        int s = last.SymbolId;
        // Inside a message only its last level leaves a consistent book: quotes are managed there, as event by event.
        if ((uint)s < (uint)SymbolCount && last.IsLastInMessage && Quotes.HasWork(s)) ManageQuotes(in last);
    }

    /// <summary>After the decision on the events handed so far (or when there is none): a simulated venue does the
    /// work it held back off the decision path (<see cref="ISimulatedGateway.Settle"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AfterDecision() => _venue?.Settle();

    // A symbol with a followed order or a position, at a consistent book (not inside a depth message).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ManageQuotes(in MarketEvent e)
    {
        int s = e.SymbolId;
        if (_touch is not null && _touch.TryGetTouch(s, out long bid, out long bidLots, out long ask, out long askLots))
            Quotes.OnTouch(s, bid, bidLots, ask, askLots);
        long now = _clock?.NowNs(e.ExchangeTimeNs) ?? e.ExchangeTimeNs;
        OrdersSent += Quotes.Manage(s, now);
    }

    /// <summary>Delivers a live gateway's queued reports outside a market event (e.g. on a timer, or at shutdown);
    /// returns how many (0 for a simulated gateway).</summary>
    public int DeliverReports() => _queued?.DeliverReports() ?? 0;

    /// <summary>
    /// One decision at <paramref name="nowNs"/> (the run's clock): marks the ledger at the view's bid/ask, checks the
    /// kill switch (flattening when it trips, and closing what is left of the symbol's position while halted), asks
    /// risk, and submits the order on <see cref="RiskVerdict.Accept"/> (<paramref name="order"/>; default otherwise).
    /// <paramref name="ingressTicks"/> (a <see cref="Stopwatch"/> timestamp of the frame's receipt, 0 = unknown) rides
    /// on the order as <see cref="OrderRequest.IngressTicks"/>; with a simulated gateway, where submitting is sending,
    /// the desk itself records tick-to-order in <see cref="TickToOrder"/>.
    /// </summary>
    public RiskVerdict Decide(in Signal signal, in RiskMarketView market, long nowNs, out OrderRequest order, long ingressTicks = 0)
    {
        int s = signal.SymbolId;
        if ((uint)s < (uint)SymbolCount)
        {
            if (market.BidTicks > 0 && market.AskTicks > 0)
            {
                Ledger.Mark(s, market.BidTicks, market.AskTicks, nowNs);
                _reference?.SetReferencePrice(s, Mid(market.BidTicks, market.AskTicks));
            }
            GuardDrawdown(s, nowNs);
            if (Margin is { } margin) GuardLiquidation(margin, s, market.BidTicks, market.AskTicks, nowNs);
            if (ManageOnDecision(in signal, in market, nowNs))
            {
                order = default;
                Risk.Counters.Increment(RiskVerdict.QuoteCooldown);
                return RiskVerdict.QuoteCooldown;
            }
        }
        var verdict = Risk.Evaluate(in signal, in market, nowNs, out order);
        if (verdict == RiskVerdict.Accept)
        {
            order.IngressTicks = ingressTicks;
            Gateway.Submit(in order);
            OrdersSent++;
            if (order.Type == OrderType.PostOnly && !order.ReduceOnly) Quotes.Track(in order, nowNs);
            if (ingressTicks != 0 && _venue is not null) TickToOrder.RecordSince(ingressTicks);
        }
        else if (verdict == RiskVerdict.KillSwitchTripped)
        {
            TripKillSwitch(nowNs);
        }
        return verdict;
    }

    // The quote manager sees the signal first (a resting entry against it is cancelled before risk decides); true
    // when an entry signal must wait for the symbol's cool-down (exits and flat signals always reach risk).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ManageOnDecision(in Signal signal, in RiskMarketView market, long nowNs)
    {
        int s = signal.SymbolId;
        Quotes.OnSignal(s, signal.Direction);
        if (Quotes.HasWork(s))
        {
            if (_touch is null || !_touch.TryGetTouch(s, out long bid, out long bidLots, out long ask, out long askLots))
                Quotes.OnTouch(s, market.BidTicks, 0, market.AskTicks, 0);
            else Quotes.OnTouch(s, bid, bidLots, ask, askLots);
            OrdersSent += Quotes.Manage(s, nowNs);
        }
        if (!Quotes.EntryCoolingDown(s, nowNs) || signal.Direction == SignalDirection.Flat) return false;
        long pos = Ledger.Position(s).PositionLots;
        return pos == 0 || Math.Sign(pos) == (int)signal.Direction; // an entry (or an add), not an exit
    }

    /// <summary>Marks a symbol to market outside a decision (e.g. on a timer live) with the same kill-switch
    /// guard as <see cref="Decide"/>.</summary>
    public void Mark(int symbolId, long bidTicks, long askTicks, long nowNs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)symbolId, (uint)SymbolCount, nameof(symbolId));
        Ledger.Mark(symbolId, bidTicks, askTicks, nowNs);
        if (bidTicks > 0 && askTicks > 0) _reference?.SetReferencePrice(symbolId, Mid(bidTicks, askTicks));
        GuardDrawdown(symbolId, nowNs);
    }

    // The band's centre as the paper exchange takes it (PaperExchange.RejectByFilters): the mid, rounded down to a tick.
    private static long Mid(long bidTicks, long askTicks) => (long)(((Int128)bidTicks + askTicks) / 2);

    /// <summary>End of a run: a simulated gateway delivers every report still travelling.</summary>
    public void Finish() => _venue?.FlushReports();

    /// <summary>Disposes the gateway when it holds resources (the paper venue's native books).</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    // A flatten that a thin book filled only partly leaves a remainder: keep closing it while halted (Flatten only
    // sends what open reducing orders do not already cover, so repeating it never over-closes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void GuardDrawdown(int s, long nowNs)
    {
        if (Risk.CheckKillSwitch(nowNs)) TripKillSwitch(nowNs);
        else if (Risk.IsHalted && Ledger.Position(s).PositionLots != 0) Flatten(nowNs);
    }

    // USD-M: mark at the exchange's mark price (the mid without a fresh one), and close the symbol's position when its
    // liquidation price is too near the mark.
    private void GuardLiquidation(MarginAccount margin, int s, long bidTicks, long askTicks, long nowNs)
    {
        margin.MarkMid(s, bidTicks, askTicks, nowNs);
        if (!margin.NearLiquidation(s)) return;
        int sent = Risk.Close(Gateway, s, nowNs);
        if (sent <= 0) return;
        OrdersSent += sent;
        margin.CountLiquidationReduce();
        _logger.LogWarning("Position #{Symbol} closed: its liquidation price {Liquidation} ticks is within {Limit} bps of the mark {Mark} ticks",
            s, margin.LiquidationPriceTicks(s), margin.Options.ReduceLiquidationDistanceBps, margin.MarkTicks(s));
    }

    /// <summary>Operator halt: as after a kill-switch trip, risk refuses every signal until <see cref="OperatorResume"/> and the
    /// next mark closes open positions. Returns 0 (nothing sent now).</summary>
    public int OperatorHalt(long nowNs)
    {
        Risk.Halt(nowNs);
        return 0;
    }

    /// <summary>Operator flatten: cancels open entries and closes every position (reduce-only). Returns the requests sent.</summary>
    public int OperatorFlatten(long nowNs) => Flatten(nowNs);

    /// <summary>Operator resume: clears a halt (the drawdown kill switch still trips again while over its limit). Returns 0.</summary>
    public int OperatorResume()
    {
        Risk.ResetKillSwitch();
        return 0;
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
