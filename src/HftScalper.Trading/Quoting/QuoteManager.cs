using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Quoting;

/// <summary>
/// Keeps, reprices or cancels our resting post-only orders, and closes positions (passive take-profit, time stop,
/// adverse-move stop). The <see cref="TradingDesk"/> calls it on every market event of a symbol it has work on (with
/// the venue's touch when the gateway is an <see cref="ITouchSource"/>) and on every decision, before risk:
/// <code>
/// resting entry (post-only, our side's best):
///   signal no longer in the order's direction (hysteresis fell to flat, or flipped) -> cancel at once
///   after MinRest: touch moved away (a better best on our side)  -> Replace at the new best (never crossing; on the tick grid),
///                  or cancel and cool down when that is more than MaxChaseBps from the first price (no chasing)
///                  (queue ahead + our lots) / traded rate on our side > horizon x factor -> cancel, cool down
/// position:   adverse move >= StopLossTicks, or age >= horizon x TimeStopFactor -> cancel our orders on the
///             symbol, then a reduce-only taker order (the risk's exit type) for what is not covered; cool down
///             no take-profit resting -> reduce-only post-only at entry +/- TakeProfitTicks (never crossing)
///             take-profit not matching the position (it grew, shrank or closed) -> Replace or cancel
/// every cancel, replace and new order takes a token from the risk's order-rate bucket (none: retried later)
/// no self-crossing: a buy is never placed at or above one of our resting sells, nor a sell at or below a buy
/// </code>
/// The queue ahead is the client's own estimate: the visible quantity at our price when the order was placed, less
/// the volume traded at that price on our side since, and never more than what is visible there now (cancels are
/// assumed to be behind us, the risk-averse reading of 100 ms depth diffs). The traded rate is an exponentially
/// weighted intensity (<see cref="QuoteOptions.RateWindowNs"/>) of the aggressive volume hitting our side.
/// Deterministic on the run's clock; single-threaded (the strategy stage); no allocation after construction.
/// </summary>
public sealed partial class QuoteManager
{
    private struct Managed
    {
        public ClientOrderId Id;
        public int SymbolId;
        public bool IsExit;
        public long PlacedNs;
        public long QueueAheadLots;
        public long FirstPriceTicks; // the entry's price when first placed (a reprice keeps it)
    }

    private readonly QuoteOptions _options;
    private readonly OrderTracker _orders;
    private readonly PositionLedger _ledger;
    private readonly RiskManager _risk;
    private readonly IExecutionGateway _gateway;
    private readonly TradeRateEstimator _rates;
    private readonly Managed[] _managed;
    private readonly int[] _perSymbol;
    private readonly long[] _bid, _bidLots, _ask, _askLots;
    private readonly SignalDirection[] _direction;
    private readonly long[] _openedNs, _cooldownUntilNs;
    private readonly bool[] _stopping;
    private readonly bool _exits;
    private readonly double _fillHorizonSeconds;
    private int _count;

    internal QuoteManager(int symbols, QuoteOptions options, OrderTracker orders, PositionLedger ledger, RiskManager risk, IExecutionGateway gateway)
    {
        options.Validate();
        _options = options;
        _orders = orders;
        _ledger = ledger;
        _risk = risk;
        _gateway = gateway;
        _rates = new TradeRateEstimator(symbols, options.RateWindowNs);
        _managed = new Managed[options.Capacity];
        _perSymbol = new int[symbols];
        _bid = new long[symbols];
        _bidLots = new long[symbols];
        _ask = new long[symbols];
        _askLots = new long[symbols];
        _direction = new SignalDirection[symbols];
        _openedNs = new long[symbols];
        _cooldownUntilNs = new long[symbols];
        _stopping = new bool[symbols];
        _exits = options.TakeProfitTicks > 0 || options.TakeProfitBps > 0 || options.TimeStopFactor > 0
            || options.StopLossTicks > 0 || options.StopLossBps > 0;
        _fillHorizonSeconds = options.HorizonNs * options.FillHorizonFactor / 1e9;
    }

    /// <summary>The settings in force.</summary>
    public QuoteOptions Options => _options;

    /// <summary>Cancels sent (all reasons).</summary>
    public long Cancels { get; private set; }

    /// <summary>Cancels because the signal weakened out of the order's direction or flipped.</summary>
    public long SignalCancels { get; private set; }

    /// <summary>Cancels because the queue position made a fill before the horizon unlikely.</summary>
    public long UnlikelyFillCancels { get; private set; }

    /// <summary>Cancels instead of a reprice that would have crossed one of our own orders.</summary>
    public long SelfCrossCancels { get; private set; }

    /// <summary>Cancels instead of a reprice that would have followed the touch farther than
    /// <see cref="QuoteOptions.MaxChaseBps"/> from the entry's first price.</summary>
    public long ChaseCancels { get; private set; }

    /// <summary>Replaces sent (reprices of entries, resizes of take-profits).</summary>
    public long Replaces { get; private set; }

    /// <summary>Take-profit orders placed.</summary>
    public long TakeProfits { get; private set; }

    /// <summary>Time stops triggered.</summary>
    public long TimeStops { get; private set; }

    /// <summary>Adverse-move stops triggered.</summary>
    public long AdverseStops { get; private set; }

    /// <summary>Taker exit orders sent by stops.</summary>
    public long StopOrders { get; private set; }

    /// <summary>Actions put off because the order-rate bucket was empty (retried on a later event).</summary>
    public long RateLimited { get; private set; }

    /// <summary>Post-only entries not followed because the table was full (<see cref="QuoteOptions.Capacity"/>).</summary>
    public long Untracked { get; private set; }

    /// <summary>True when the symbol has a followed order, a stop in progress, or a position to manage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool HasWork(int symbolId) =>
        _perSymbol[symbolId] > 0 || (_exits && (_ledger.Position(symbolId).PositionLots != 0 || _stopping[symbolId]));

    /// <summary>True while new entries on the symbol wait (after an unlikely-fill cancel or a stop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool EntryCoolingDown(int symbolId, long nowNs) => nowNs < _cooldownUntilNs[symbolId];

    /// <summary>A trade: feeds the traded-rate estimate and the queue ahead of our orders at its price. A trade of
    /// unknown side (<see cref="Side.None"/> without the buyer-is-maker flag) is skipped: it hit neither side we know of.</summary>
    internal void OnTrade(in MarketEvent e)
    {
        bool flagged = (e.Flags & MarketEventFlags.BuyerIsMaker) != 0;
        if (e.Side == Side.None && !flagged) return;
        bool hitsBids = e.Side != Side.None ? e.Side == Side.Ask : flagged;
        _rates.OnTrade(e.SymbolId, hitsBids, e.Quantity, e.ExchangeTimeNs);
        if (_perSymbol[e.SymbolId] == 0) return;
        for (int i = 0; i < _count; i++)
        {
            ref var m = ref _managed[i];
            if (m.SymbolId != e.SymbolId || m.QueueAheadLots == 0 || !_orders.TryGet(m.Id, out var o)) continue;
            if ((o.Request.Side == OrderSide.Buy) == hitsBids && o.Request.PriceTicks == e.Price)
                m.QueueAheadLots = Math.Max(0, m.QueueAheadLots - e.Quantity);
        }
    }

    /// <summary>The symbol's touch (ticks) and its visible quantities (lots; 0 when unknown).</summary>
    internal void OnTouch(int symbolId, long bidTicks, long bidLots, long askTicks, long askLots)
    {
        _bid[symbolId] = bidTicks;
        _bidLots[symbolId] = bidLots;
        _ask[symbolId] = askTicks;
        _askLots[symbolId] = askLots;
    }

    /// <summary>The direction of the symbol's latest signal.</summary>
    internal void OnSignal(int symbolId, SignalDirection direction) => _direction[symbolId] = direction;

    /// <summary>Follows a post-only entry the desk just submitted.</summary>
    internal void Track(in OrderRequest order, long nowNs)
    {
        if (_count == _managed.Length)
        {
            Untracked++;
            return;
        }
        Add(order.ClientOrderId, order.SymbolId, false, nowNs, VisibleAt(order.SymbolId, order.Side, order.PriceTicks), order.PriceTicks);
    }

    /// <summary>Keeps, reprices or cancels the symbol's orders and manages its position at <paramref name="nowNs"/>;
    /// returns the new orders sent (cancels and replaces are counted apart).</summary>
    internal int Manage(int s, long nowNs)
    {
        if (_risk.IsHalted) return 0; // the kill switch's flatten owns the book now
        long pos = _ledger.Position(s).PositionLots;
        // Less than a lot (the rest of a fill off the lot grid) no order can close (LOT_SIZE): no exits or stops for it,
        // a take-profit is cancelled, and sizes below are whole lots.
        if (_risk.Symbol(s).FloorToLot(Math.Abs(pos)) == 0) pos = 0;
        if (pos == 0)
        {
            _openedNs[s] = 0;
            _stopping[s] = false;
        }
        else if (_openedNs[s] == 0) _openedNs[s] = nowNs;
        if (_exits && pos != 0 && !_stopping[s]) CheckStops(s, pos, nowNs);

        for (int i = 0; i < _count; i++)
        {
            ref var m = ref _managed[i];
            if (m.SymbolId != s) continue;
            if (!_orders.TryGet(m.Id, out var o))
            {
                Remove(i--); // done (filled, cancelled, rejected): the slot is free again
                continue;
            }
            if (o.Status is OrderStatus.PendingNew or OrderStatus.PendingCancel or OrderStatus.PendingReplace or OrderStatus.Unknown) continue;
            if (_stopping[s]) Cancel(ref m, nowNs);
            else if (m.IsExit) ManageTakeProfit(ref m, in o, pos, nowNs);
            else ManageEntry(ref m, in o, nowNs);
        }
        return pos != 0 && _exits ? ManagePosition(s, pos, nowNs) : 0;
    }

    private void ManageEntry(ref Managed m, in TrackedOrder o, long nowNs)
    {
        int s = m.SymbolId;
        bool buy = o.Request.Side == OrderSide.Buy;
        if (_direction[s] != (buy ? SignalDirection.Long : SignalDirection.Short))
        {
            if (Cancel(ref m, nowNs)) SignalCancels++;
            return;
        }
        long best = buy ? _bid[s] : _ask[s];
        long px = o.Request.PriceTicks;
        if (best > 0 && px == best)
        {
            long visible = buy ? _bidLots[s] : _askLots[s];
            if (visible > 0 && visible < m.QueueAheadLots) m.QueueAheadLots = visible; // the level shrank below our estimate
        }
        if (nowNs - m.PlacedNs < _options.MinRestNs || best <= 0) return;
        long target = _risk.Symbol(s).PassiveTick(best, buy); // the best itself unless the feed is finer than the tick
        if (_options.Reprice && (buy ? target > px : target < px))
        {
            if (CrossesOwn(s, o.Request.Side, target))
            {
                if (Cancel(ref m, nowNs)) SelfCrossCancels++;
            }
            else if (ChasesTooFar(in m, target))
            {
                if (Cancel(ref m, nowNs))
                {
                    ChaseCancels++;
                    _cooldownUntilNs[s] = nowNs + _options.CooldownNs;
                }
            }
            else Reprice(ref m, in o, target, nowNs);
            return;
        }
        if (_options.FillHorizonFactor > 0 && px == best)
        {
            double lotsPerSecond = _rates.LotsPerSecond(s, buy, nowNs);
            if (m.QueueAheadLots + o.LeavesLots > lotsPerSecond * _fillHorizonSeconds && Cancel(ref m, nowNs))
            {
                UnlikelyFillCancels++;
                _cooldownUntilNs[s] = nowNs + _options.CooldownNs;
            }
        }
    }

    private void Reprice(ref Managed m, in TrackedOrder o, long price, long nowNs)
    {
        if (!TakeToken(nowNs)) return;
        var replacement = o.Request;
        replacement.ClientOrderId = default;
        replacement.PriceTicks = price;
        replacement.QuantityLots = o.LeavesLots;
        replacement.TimeNs = nowNs;
        if (!_orders.OnReplaceSent(o.Request.ClientOrderId, ref replacement)) return;
        _gateway.Replace(o.Request.ClientOrderId, in replacement);
        Replaces++;
        m.Id = replacement.ClientOrderId;
        m.PlacedNs = nowNs;
        m.QueueAheadLots = VisibleAt(m.SymbolId, replacement.Side, price);
    }

    // True when following the touch to best would take the entry more than MaxChaseBps from its first price.
    private bool ChasesTooFar(in Managed m, long best)
    {
        if (_options.MaxChaseBps <= 0 || m.FirstPriceTicks <= 0) return false;
        return Math.Abs(best - m.FirstPriceTicks) * 10_000.0 > _options.MaxChaseBps * m.FirstPriceTicks;
    }

    private bool Cancel(ref Managed m, long nowNs)
    {
        if (!TakeToken(nowNs) || !_orders.OnCancelSent(m.Id, nowNs)) return false;
        _gateway.Cancel(m.Id, m.SymbolId, nowNs);
        Cancels++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TakeToken(long nowNs)
    {
        if (_risk.TryTakeOrderToken(nowNs)) return true;
        RateLimited++;
        return false;
    }

    // True when an order of ours on the other side rests at a price this one would meet.
    private bool CrossesOwn(int s, OrderSide side, long price)
    {
        for (int i = 0; i < _count; i++)
        {
            ref var m = ref _managed[i];
            if (m.SymbolId != s || !_orders.TryGet(m.Id, out var o) || o.Request.Side == side) continue;
            long other = o.Request.PriceTicks;
            if (side == OrderSide.Buy ? price >= other : price <= other) return true;
        }
        return false;
    }

    // Lots visible at our price when it is the best of our side (all of them ahead of us); 0 when not known.
    private long VisibleAt(int s, OrderSide side, long price) =>
        side == OrderSide.Buy ? (price == _bid[s] ? _bidLots[s] : 0) : (price == _ask[s] ? _askLots[s] : 0);

    private void Add(ClientOrderId id, int s, bool exit, long nowNs, long queueAhead, long firstPriceTicks = 0)
    {
        _managed[_count++] = new Managed
        {
            Id = id, SymbolId = s, IsExit = exit, PlacedNs = nowNs, QueueAheadLots = queueAhead, FirstPriceTicks = firstPriceTicks,
        };
        _perSymbol[s]++;
    }

    private void Remove(int index)
    {
        _perSymbol[_managed[index].SymbolId]--;
        _managed[index] = _managed[--_count];
    }
}
