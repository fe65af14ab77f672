using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Turns a <see cref="Signal"/> into at most one order under hard limits, and fails closed. Order of checks
/// (first failure wins; each outcome counted in <see cref="Counters"/>):
/// <code>
/// kill switch halted -> drawdown >= max (trips: halt, caller flattens) -> bad signal -> book not synced
/// -> feed stale -> no market -> model unhealthy (unless allowed fallback) -> exit or entry:
///   exit  (flat signal, or signal against the position): reduce-only close of what open orders do not cover
///   entry: daily loss limit -> Kelly size (prior b until enough trades; floor, cap, lot size, min quantity, min notional)
///          -> expected value net of costs (when the decision carries an expected move: maker or taker route, or the
///             refusing term, see Economics.EdgeModel) -> max position -> max symbol notional -> max total notional
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
    private readonly FeeSchedule _fees;
    private readonly EdgeEstimate[] _edges;

    /// <summary>Creates the manager over the ledger and order tracker it reads (and the tracker it registers in);
    /// <paramref name="fees"/> are the account's rates the expected-value gate charges (default Binance spot VIP 0).</summary>
    public RiskManager(SymbolRegistry symbols, RiskOptions options, PositionLedger ledger, OrderTracker orders, FeeSchedule? fees = null)
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
        _fees = fees ?? FeeSchedule.BinanceSpotDefault;
        _fees.Validate();
        _edges = new EdgeEstimate[_symbols.Length];
    }

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

    /// <summary>Trips the kill switch if the drawdown limit is reached (call after marks too, not only on
    /// signals). True when it tripped now.</summary>
    public bool CheckKillSwitch(long nowNs)
    {
        if (IsHalted || _ledger.DrawdownFraction < _options.MaxDrawdownFraction) return false;
        IsHalted = true;
        HaltedAtNs = nowNs;
        return true;
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
            long pos = _ledger.Position(s).PositionLots;
            long uncovered = Math.Abs(pos) - (pos > 0 ? _orders.OpenSellLots(s) : _orders.OpenBuyLots(s));
            if (pos == 0 || uncovered <= 0) continue;
            var close = new OrderRequest
            {
                SymbolId = s, Side = pos > 0 ? OrderSide.Sell : OrderSide.Buy, Type = OrderType.Market,
                ReduceOnly = true, QuantityLots = uncovered, TimeNs = nowNs,
            };
            if (!_orders.TryCreate(ref close)) break;
            gateway.Submit(in close);
            sent++;
        }
        return sent;
    }
}
