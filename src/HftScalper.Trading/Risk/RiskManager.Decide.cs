using HftScalper.Core.Symbols;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Risk;

// The decision itself: checks in the order the class summary lists, then the order's shape.
public sealed partial class RiskManager
{
    private RiskVerdict Decide(in Signal signal, in RiskMarketView market, long nowNs, ref OrderRequest order)
    {
        if (IsHalted) return RiskVerdict.KillSwitchHalted;
        if (CheckKillSwitch(nowNs)) return RiskVerdict.KillSwitchTripped;
        // A warming model's decision carries no signal by design (source None): not an invalid one.
        if (!market.ModelWarming && ((uint)signal.SymbolId >= (uint)_symbols.Length || signal.Source == SignalSource.None
            || !(signal.Confidence >= 0f && signal.Confidence <= 1f)
            || signal.Direction is not (SignalDirection.Long or SignalDirection.Short or SignalDirection.Flat)))
            return RiskVerdict.InvalidSignal;
        if (_venueGate is { AcceptsNewOrders: false }) return RiskVerdict.VenueNotReady;
        if (!market.BookSynced) return RiskVerdict.BookNotSynced;
        if (nowNs - market.LastEventTimeNs > _options.StaleAfterNs) return RiskVerdict.FeedStale;
        if (market.BidTicks <= 0 || market.AskTicks <= 0 || market.BidTicks >= market.AskTicks) return RiskVerdict.NoMarket;
        if (market.ModelWarming) return RiskVerdict.ModelWarming;
        if (signal.Source == SignalSource.Fallback)
        {
            if (!_options.AllowFallback) return RiskVerdict.FallbackNotAllowed;
        }
        else if (!market.ModelHealthy) return RiskVerdict.ModelUnhealthy;

        int id = signal.SymbolId;
        long pos = _ledger.Position(id).PositionLots;
        int dir = (int)signal.Direction;
        var verdict = dir == 0 || (pos != 0 && Math.Sign(pos) != dir)
            ? Exit(in signal, in market, pos, ref order)
            : Entry(in signal, in market, pos, dir, nowNs, ref order);
        if (verdict != RiskVerdict.Accept) return verdict;

        order.SymbolId = id;
        order.TimeNs = nowNs;
        order.Sequence = signal.Sequence;
        if (order.Side == OrderSide.Sell && !_canShort[id] && order.QuantityLots > pos - _orders.OpenSellLots(id)) return RiskVerdict.ShortOnSpot;
        if (OrderNotional(in order, in market) > _maxOrderNotional) return RiskVerdict.MaxOrderNotional;
        if (order.PriceTicks > 0 && OutsideBand(order.PriceTicks, in market)) return RiskVerdict.PriceBand;
        if (_orders.OpenCount >= _options.MaxOpenOrders) return RiskVerdict.MaxOpenOrders;
        if (_orders.OpenCount >= _orders.Capacity) return RiskVerdict.OrderPoolFull;
        if (!_rate.TryTake(nowNs)) return RiskVerdict.OrderRateLimited;
        return _orders.TryCreate(ref order) ? RiskVerdict.Accept : RiskVerdict.OrderPoolFull;
    }

    // Flat signal, or a signal against the position: close it (reduce-only); a new entry waits for the next signal.
    private RiskVerdict Exit(in Signal signal, in RiskMarketView market, long pos, ref OrderRequest order)
    {
        if (pos == 0 || (signal.Direction == SignalDirection.Flat && !_options.ExitOnFlat)) return RiskVerdict.NoAction;
        long covered = pos > 0 ? _orders.OpenSellLots(signal.SymbolId) : _orders.OpenBuyLots(signal.SymbolId);
        long qty = Math.Abs(pos) - covered;
        if (qty <= 0) return RiskVerdict.AtTarget;
        qty = _symbols[signal.SymbolId].FloorToLot(qty); // a remainder finer than the lot cannot be sent
        if (qty <= 0) return RiskVerdict.BelowMinSize;
        order.Side = pos > 0 ? OrderSide.Sell : OrderSide.Buy;
        order.Type = _options.ExitOrderType;
        order.ReduceOnly = true;
        order.QuantityLots = qty;
        order.PriceTicks = PriceFor(signal.SymbolId, order.Side, order.Type, in market);
        return RiskVerdict.Accept;
    }

    private RiskVerdict Entry(in Signal signal, in RiskMarketView market, long pos, int dir, long nowNs, ref OrderRequest order)
    {
        if (nowNs < _options.EntriesFromNs || (_options.EntriesUntilNs > 0 && nowNs >= _options.EntriesUntilNs))
            return RiskVerdict.OutsideEntryWindow;
        int id = signal.SymbolId;
        var info = _symbols[id];
        if (dir < 0 && !_canShort[id]) return RiskVerdict.ShortOnSpot; // flat or short here: any sell would be short
        if (_ledger.DailyPnl <= -(long)(_options.DailyLossFraction * _ledger.DayStartEquity)) return RiskVerdict.DailyLossLimit;

        var kelly = KellySizer.Size(in _ledger.Trades, signal.Confidence, market.Volatility, _options, out double f);
        if (kelly != RiskVerdict.Accept) return kelly; // NoEdge, NoEdgeWinRate or NoEdgePayoff: the term that refused
        long equity = _ledger.Equity;
        if (equity <= 0) return RiskVerdict.NoEdge; // unreachable past the kill switch; fail closed all the same

        long price = dir > 0 ? market.AskTicks : market.BidTicks;
        long lotValue = _ledger.LotValue(id, price); // account units per lot at the reference price (an inverse contract's coin value)
        long lot = Math.Max(Math.Max(1, info.LotSize), _ledger.Amounts.LotStep(id)); // inverse: whole contracts
        long working = dir > 0 ? _orders.OpenBuyLots(id) : _orders.OpenSellLots(id);
        var sized = EntryLots(f, equity, lotValue, lot, pos, working, price, info, out long qty);
        if (sized != RiskVerdict.Accept) return sized;
        var type = _options.EntryOrderType;
        if (market.HasExpectedMove)
        {
            var gate = EdgeGate(in signal, in market, dir, qty, ref type);
            if (gate != RiskVerdict.Accept) return gate;
            if (_options.EdgeSizingBps > 0)
            {
                sized = EdgeSized(in signal, in market, dir, f, equity, lotValue, lot, pos, working, price, info, type, ref qty);
                if (sized != RiskVerdict.Accept) return sized;
            }
        }

        long after = Math.Abs(pos) + working + qty;
        if (after > _options.MaxPositionLots) return RiskVerdict.MaxPosition;
        long symbolNotional = after * lotValue;
        if (symbolNotional > _options.MaxSymbolNotionalFraction * equity) return RiskVerdict.MaxSymbolNotional;
        long total = _ledger.TotalNotional() - _ledger.Notional(id) + symbolNotional;
        if (total > _options.MaxTotalNotionalFraction * equity) return RiskVerdict.MaxTotalNotional;
        var margin = _margin?.CheckEntry(id, dir, qty, price, market.BidTicks, market.AskTicks) ?? RiskVerdict.Accept;
        if (margin != RiskVerdict.Accept) return margin; // USD-M: InsufficientMargin or LiquidationTooClose

        order.Side = dir > 0 ? OrderSide.Buy : OrderSide.Sell;
        order.Type = type;
        order.QuantityLots = qty;
        order.PriceTicks = PriceFor(id, order.Side, order.Type, in market);
        return RiskVerdict.Accept;
    }

    // The entry's lots at a fraction f of equity: the target position (floored at one lot or MinPositionLots, capped at
    // MaxSizeLots) less what is held and working on that side, in whole lots; or the verdict that leaves none.
    private RiskVerdict EntryLots(double f, long equity, long lotValue, long lot, long pos, long working, long price, in SymbolInfo info,
        out long qty)
    {
        qty = 0;
        // The nudge keeps 0.2 x 0.25 (= 0.04999..., binary rounding) from losing a whole lot at the floor.
        double kellyLots = equity * f / lotValue * (1 + 1e-12);
        long target = kellyLots >= _options.MaxSizeLots ? _options.MaxSizeLots : (long)kellyLots;
        target = Math.Min(Math.Max(target, Math.Max(_options.MinPositionLots, lot)), _options.MaxSizeLots);
        if (info.MaxQuantity > 0) target = Math.Min(target, info.MaxQuantity); // the exchange's LOT_SIZE maxQty (live runs)
        target -= target % lot;
        if (target < lot) return RiskVerdict.BelowMinSize;
        qty = target - Math.Abs(pos) - working;
        qty -= qty % lot;
        if (qty <= 0) return RiskVerdict.AtTarget;
        if (qty < info.MinQuantity) return RiskVerdict.BelowMinSize;
        if ((Int128)qty * price < info.MinNotional) return RiskVerdict.BelowMinNotional;
        return RiskVerdict.Accept;
    }

    // Sizing by edge (RiskOptions.EdgeSizingBps): the Kelly fraction x clamp(EV / EdgeSizingBps, EdgeSizingMinScale, EdgeSizingMaxScale),
    // capped at MaxEquityFraction, EV being the net value of the route the gate chose. A larger size is judged again at
    // its own slippage and keeps the Kelly size when it no longer clears; the hard limits follow as for any entry.
    private RiskVerdict EdgeSized(in Signal signal, in RiskMarketView market, int dir, double f, long equity, long lotValue, long lot, long pos,
        long working, long price, in SymbolInfo info, OrderType type, ref long qty)
    {
        ref readonly var edge = ref _edges[signal.SymbolId];
        double ev = type == OrderType.PostOnly ? edge.MakerEvBps : edge.TakerEvBps;
        double scale = Math.Clamp(ev / _options.EdgeSizingBps, _options.EdgeSizingMinScale, _options.EdgeSizingMaxScale);
        var sized = EntryLots(Math.Min(f * scale, _options.MaxEquityFraction), equity, lotValue, lot, pos, working, price, info, out long scaled);
        if (sized != RiskVerdict.Accept) return sized;
        if (scaled > qty && !StillClears(signal.SymbolId, in market, dir, scaled, type)) return RiskVerdict.Accept; // the Kelly size cleared
        qty = scaled;
        return RiskVerdict.Accept;
    }

    // Whether an entry of qty lots still clears the gate on the route already chosen (type), judged at its own size.
    private bool StillClears(int id, in RiskMarketView market, int dir, long qty, OrderType type)
    {
        var inputs = EdgeInputsFor(id, in market, dir, qty, _options.EntryOrderType);
        EdgeModel.Estimate(in inputs, in market.Depth, out var edge);
        double ev = type == OrderType.PostOnly ? edge.MakerEvBps : edge.TakerEvBps;
        return ev > _options.MinEdgeBps;
    }

    // Expected value net of costs (EdgeModel): picks maker (post-only) or the taker type, or names the refusing term.
    // The estimate is kept per symbol (LastEdge) for quote management.
    private RiskVerdict EdgeGate(in Signal signal, in RiskMarketView market, int dir, long qty, ref OrderType type)
    {
        var inputs = EdgeInputsFor(signal.SymbolId, in market, dir, qty, type);
        ref var edge = ref _edges[signal.SymbolId];
        EdgeModel.Estimate(in inputs, in market.Depth, out edge);
        edge.TimeNs = signal.TimeNs;
        bool makerAllowed = _options.MakerFirst || _options.EntryOrderType == OrderType.PostOnly;
        bool takerAllowed = _options.EntryOrderType != OrderType.PostOnly;
        var route = EdgeModel.Choose(in edge, _options.MinEdgeBps, _options.MinMakerFillProbability, makerAllowed, takerAllowed, out var refusal);
        EdgeStats.Record(signal.SymbolId, in edge, route,
            refusal == RiskVerdict.MakerFillUnlikely || EdgeModel.JudgesMaker(in edge, makerAllowed, takerAllowed));
        if (route == EntryRoute.None) return refusal;
        if (route == EntryRoute.Maker) type = OrderType.PostOnly;
        return RiskVerdict.Accept;
    }

    private EdgeInputs EdgeInputsFor(int id, in RiskMarketView market, int dir, long qty, OrderType type)
    {
        bool buy = dir > 0;
        return new EdgeInputs
        {
            Direction = dir,
            ExpectedMoveBps = market.ExpectedMoveBps,
            BidTicks = market.BidTicks,
            AskTicks = market.AskTicks,
            QuantityLots = qty,
            TakerLimitTicks = type == OrderType.Market ? 0 : TakerLimit(id, buy, market.BidTicks, market.AskTicks),
            TouchFlowLotsPerSecond = buy ? market.BidFlowLotsPerSecond : market.AskFlowLotsPerSecond,
            HorizonNs = market.HorizonNs,
            Fees = _fees,
            MakerAdverseSelectionBps = _options.MakerAdverseSelectionBps,
        };
    }

    // Account units; a market order is valued at the touch it would take.
    private Int128 OrderNotional(in OrderRequest order, in RiskMarketView market)
    {
        long price = order.PriceTicks > 0 ? order.PriceTicks : order.Side == OrderSide.Buy ? market.AskTicks : market.BidTicks;
        return (Int128)order.QuantityLots * _ledger.LotValue(order.SymbolId, price);
    }

    // |price - mid| > band x mid, in doubled ticks so the mid stays an integer.
    private bool OutsideBand(long priceTicks, in RiskMarketView market)
    {
        long twiceMid = market.BidTicks + market.AskTicks;
        return Math.Abs(2.0 * priceTicks - twiceMid) > _options.PriceBandFraction * twiceMid;
    }

    // Takers price at the far touch plus the slippage allowance; post-only joins our own side's best. Both on the
    // symbol's tick grid, rounded toward the passive side (a touch finer than the tick never makes a crossing quote).
    private long PriceFor(int id, OrderSide side, OrderType type, in RiskMarketView market) => type switch
    {
        OrderType.Market => 0,
        OrderType.PostOnly => _symbols[id].PassiveTick(side == OrderSide.Buy ? market.BidTicks : market.AskTicks, side == OrderSide.Buy),
        _ => TakerLimit(id, side == OrderSide.Buy, market.BidTicks, market.AskTicks),
    };

    /// <summary>A taker's limit price: the far touch plus <see cref="RiskOptions.SlippageTicks"/> whole exchange ticks, on
    /// the symbol's tick grid and never beyond that allowance (entries, exits and the quote manager's stops).</summary>
    internal long TakerLimit(int symbolId, bool buy, long bidTicks, long askTicks)
    {
        var info = _symbols[symbolId];
        long tick = Math.Max(1, info.TickSize);
        long slip = _options.SlippageTicks * tick;
        return buy ? info.FloorToTick(askTicks + slip) : Math.Max(tick, info.CeilingToTick(bidTicks - slip));
    }
}
