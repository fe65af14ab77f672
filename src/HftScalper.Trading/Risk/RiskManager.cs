using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Turns a <see cref="Signal"/> into at most one order under hard limits, and fails closed. Order of checks
/// (first failure wins; each outcome counted in <see cref="Counters"/>):
/// <code>
/// kill switch halted -> drawdown >= max (trips: halt, caller flattens) -> bad signal -> live venue not ready -> book not synced
/// -> feed stale -> no market -> model unhealthy (unless allowed fallback) -> exit or entry:
///   exit  (flat signal, or signal against the position): reduce-only close of what open orders do not cover
///   entry: daily loss limit -> Kelly size (win rate and payoff ratio shrunk toward the model's bet, see KellySizer;
///          at zero: noEdge / noEdgeWinRate / noEdgePayoff names the term; floor, cap, lot size, min quantity, min notional)
///          -> expected value net of costs (when the decision carries an expected move: maker or taker route, or the
///             refusing term, see Economics.EdgeModel) -> max position -> max symbol notional -> max total notional
///          -> USD-M margin (when given a <see cref="MarginAccount"/>): insufficient margin -> liquidation too close
///   (entry on a spot market without margin: a sell is refused first, spot cannot go short)
/// -> spot sell beyond holdings -> max order notional -> price band around the mid (fat-finger guards)
/// -> max open orders -> order rate (token bucket) -> order pool -> Accept
/// </code>
/// An accepted order is registered in the <see cref="OrderTracker"/> (fresh client order id) and must be
/// submitted. Single-threaded (the risk/execution stage); no allocation per call.
/// </summary>
public sealed partial class RiskManager
{
    private readonly RiskOptions _options;
    private readonly PositionLedger _ledger;
    private readonly OrderTracker _orders;
    private readonly SymbolInfo[] _symbols;
    private readonly OrderRateLimiter _rate;
    private readonly ClientOrderId[] _openIds;
    private readonly bool[] _canShort;
    private readonly long _maxOrderNotional;
    private readonly MarginAccount? _margin;
    private IVenueGatedGateway? _venueGate;
    private readonly FeeSchedule _fees;
    private readonly EdgeEstimate[] _edges;

    /// <summary>Creates the manager over the ledger and order tracker it reads (and the tracker it registers in), the
    /// USD-M <paramref name="margin"/> account whose entry checks it applies (null: none), and the account's
    /// <paramref name="fees"/> the expected-value gate charges (default Binance spot VIP 0).</summary>
    public RiskManager(SymbolRegistry symbols, RiskOptions options, PositionLedger ledger, OrderTracker orders, MarginAccount? margin = null,
        FeeSchedule? fees = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(orders);
        options.Validate();
        _options = options;
        _ledger = ledger;
        _orders = orders;
        _symbols = new SymbolInfo[Math.Min(ledger.SymbolCount, orders.MaxSymbols)];
        for (int i = 0; i < _symbols.Length; i++) _symbols[i] = symbols[i];
        _rate = new OrderRateLimiter(options.MaxOrdersPerSecond, options.OrderBurst);
        _openIds = new ClientOrderId[orders.Capacity];
        _canShort = new bool[_symbols.Length];
        for (int i = 0; i < _symbols.Length; i++) _canShort[i] = ShortSelling.IsAllowed(_symbols[i], options.SpotMargin);
        double maxUnits = options.MaxOrderNotional * Core.Numerics.FixedPoint.PowerOfTen(ledger.AccountDecimals);
        _maxOrderNotional = maxUnits >= long.MaxValue ? long.MaxValue : (long)maxUnits;
        _margin = margin;
        _fees = fees ?? FeeSchedule.BinanceSpotDefault;
        _fees.Validate();
        _edges = new EdgeEstimate[_symbols.Length];
        EdgeStats = new EdgeStatistics(_symbols.Length);
    }

    /// <summary>Every EV-gated entry decision folded: the expected moves, the costs they were compared with, how many
    /// cleared (what says why a run made no entry).</summary>
    public EdgeStatistics EdgeStats { get; }

    /// <summary>The fee rates the expected-value gate charges.</summary>
    public FeeSchedule Fees => _fees;

    /// <summary>
    /// The latest expected-value estimate of an entry decision of <paramref name="symbolId"/> (maker and taker EV in
    /// bps, each cost term; <see cref="EdgeEstimate.TimeNs"/> 0 = none yet): what quote management reads to keep,
    /// reprice or cancel a resting entry. Written on the risk thread at each EV-gated entry decision.
    /// </summary>
    public ref readonly EdgeEstimate LastEdge(int symbolId) => ref _edges[symbolId];

    /// <summary>Counter per verdict.</summary>
    public RiskCounters Counters { get; } = new();

    /// <summary>The settings in force.</summary>
    public RiskOptions Options => _options;

    /// <summary>The symbol of <paramref name="symbolId"/> as risk reads it (its tick and lot grid: quote management prices on it).</summary>
    internal Core.Symbols.SymbolInfo Symbol(int symbolId) => _symbols[symbolId];

    /// <summary>The live venue whose readiness every decision checks first (fail closed:
    /// <see cref="RiskVerdict.VenueNotReady"/>); null (replay, paper) = always ready. Set once, before trading.</summary>
    public IVenueGatedGateway? VenueGate
    {
        get => _venueGate;
        set => _venueGate = value;
    }

    /// <summary>True once the kill switch tripped; nothing but <see cref="Flatten"/> orders go out until
    /// <see cref="ResetKillSwitch"/>.</summary>
    public bool IsHalted { get; private set; }

    /// <summary>Time the kill switch tripped, ns (0 if never).</summary>
    public long HaltedAtNs { get; private set; }

    /// <summary>
    /// Decides on <paramref name="signal"/> at <paramref name="nowNs"/> (the run's clock). On
    /// <see cref="RiskVerdict.Accept"/>, <paramref name="order"/> holds a registered order to submit; otherwise it is
    /// default. On <see cref="RiskVerdict.KillSwitchTripped"/> the caller should call <see cref="Flatten"/>.
    /// </summary>
    public RiskVerdict Evaluate(in Signal signal, in RiskMarketView market, long nowNs, out OrderRequest order)
    {
        order = default;
        var verdict = Decide(in signal, in market, nowNs, ref order);
        Counters.Increment(verdict);
        if (verdict != RiskVerdict.Accept) order = default;
        return verdict;
    }

    /// <summary>Takes a token from the order-rate bucket <see cref="RiskOptions.MaxOrdersPerSecond"/> at
    /// <paramref name="nowNs"/> for a request that does not pass through <see cref="Evaluate"/> (a quote's cancel or
    /// replace, a managed exit). False when the bucket is empty: the request must wait.</summary>
    public bool TryTakeOrderToken(long nowNs) => _rate.TryTake(nowNs);

    /// <summary>Trips the kill switch if the drawdown limit is reached (call after marks too, not only on
    /// signals). True when it tripped now.</summary>
    public bool CheckKillSwitch(long nowNs)
    {
        if (IsHalted || _ledger.DrawdownFraction < _options.MaxDrawdownFraction) return false;
        IsHalted = true;
        HaltedAtNs = nowNs;
        return true;
    }

    /// <summary>Operator action: halts trading as a kill-switch trip does (every signal refused; nothing is sent here).</summary>
    public void Halt(long nowNs)
    {
        if (IsHalted) return;
        IsHalted = true;
        HaltedAtNs = nowNs;
    }

    /// <summary>Operator action: clears the halt. Fail-closed: it trips again at the next check while the drawdown
    /// from the ledger's high-water mark is still over the limit.</summary>
    public void ResetKillSwitch()
    {
        IsHalted = false;
        HaltedAtNs = 0;
    }

    /// <summary>
    /// Kill-switch action: cancels every open entry order and sends reduce-only market orders closing each
    /// position (minus what open reducing orders already cover). Bypasses the rate limit and the open-order cap
    /// (closing must not be throttled). Safe to call repeatedly. Returns the number of requests sent.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Flatten(IExecutionGateway gateway, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        int sent = 0;
        int n = _orders.CopyOpenOrders(-1, _openIds);
        for (int i = 0; i < n; i++)
        {
            if (!_orders.TryGet(_openIds[i], out var o) || o.Request.ReduceOnly
                || o.Status is OrderStatus.PendingCancel or OrderStatus.PendingReplace) continue;
            if (_orders.OnCancelSent(o.Request.ClientOrderId, nowNs))
            {
                gateway.Cancel(o.Request.ClientOrderId, o.Request.SymbolId, nowNs);
                sent++;
            }
        }
        for (int s = 0; s < _symbols.Length; s++)
        {
            int closed = Close(gateway, s, nowNs);
            if (closed < 0) break;
            sent += closed;
        }
        return sent;
    }

    /// <summary>
    /// Sends a reduce-only market order closing the position of <paramref name="symbolId"/> (minus what open reducing
    /// orders already cover), e.g. a USD-M position near its liquidation price. Bypasses the rate limit like
    /// <see cref="Flatten"/>. Returns 1 when an order went out, 0 when nothing was uncovered, -1 when the order pool is full.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Close(IExecutionGateway gateway, int symbolId, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        long pos = _ledger.Position(symbolId).PositionLots;
        long uncovered = Math.Abs(pos) - (pos > 0 ? _orders.OpenSellLots(symbolId) : _orders.OpenBuyLots(symbolId));
        uncovered = _symbols[symbolId].FloorToLot(uncovered); // a remainder finer than the lot cannot be sent
        if (pos == 0 || uncovered <= 0) return 0;
        var close = new OrderRequest
        {
            SymbolId = symbolId, Side = pos > 0 ? OrderSide.Sell : OrderSide.Buy, Type = OrderType.Market,
            ReduceOnly = true, QuantityLots = uncovered, TimeNs = nowNs,
        };
        if (!_orders.TryCreate(ref close)) return -1;
        gateway.Submit(in close);
        return 1;
    }
}
