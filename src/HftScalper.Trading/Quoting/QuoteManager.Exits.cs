using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Quoting;

// Exits of an open position: stops (taker, after our orders on the symbol are cancelled) and the passive take-profit.
public sealed partial class QuoteManager
{
    private void CheckStops(int s, long pos, long nowNs)
    {
        double entry = _ledger.Position(s).AverageEntryTicks;
        long stop = Offset(s, entry, _options.StopLossTicks, _options.StopLossBps);
        bool adverse = stop > 0 && (pos > 0 ? _bid[s] > 0 && _bid[s] <= entry - stop : _ask[s] > 0 && _ask[s] >= entry + stop);
        bool late = _options.TimeStopFactor > 0 && nowNs - _openedNs[s] >= _options.HorizonNs * _options.TimeStopFactor;
        if (adverse) AdverseStops++;
        else if (late) TimeStops++;
        else return;
        _stopping[s] = true;
        _cooldownUntilNs[s] = nowNs + _options.CooldownNs;
    }

    private int ManagePosition(int s, long pos, long nowNs)
    {
        var side = pos > 0 ? OrderSide.Sell : OrderSide.Buy;
        long uncovered = _risk.Symbol(s).FloorToLot(Math.Abs(pos) - (pos > 0 ? _orders.OpenSellLots(s) : _orders.OpenBuyLots(s)));
        if (_stopping[s])
        {
            // Our resting orders go first (a taker exit must not meet our own quote); then close what is left.
            if (_perSymbol[s] > 0 || uncovered <= 0) return 0;
            long price = TakerPrice(s, side);
            if (price < 0 || !TakeToken(nowNs)) return 0;
            var close = new OrderRequest
            {
                SymbolId = s, Side = side, Type = _risk.Options.ExitOrderType, ReduceOnly = true,
                PriceTicks = price, QuantityLots = uncovered, TimeNs = nowNs,
            };
            if (!_orders.TryCreate(ref close)) return 0;
            _gateway.Submit(in close);
            StopOrders++;
            return 1;
        }
        if ((_options.TakeProfitTicks == 0 && _options.TakeProfitBps == 0) || uncovered <= 0 || HasExit(s)) return 0;
        if (_orders.OpenCount >= _risk.Options.MaxOpenOrders || _count == _managed.Length) return 0;
        long tp = TakeProfitPrice(s, pos);
        if (tp <= 0 || CrossesOwn(s, side, tp) || !TakeToken(nowNs)) return 0;
        var order = new OrderRequest
        {
            SymbolId = s, Side = side, Type = OrderType.PostOnly, ReduceOnly = true,
            PriceTicks = tp, QuantityLots = uncovered, TimeNs = nowNs,
        };
        if (!_orders.TryCreate(ref order)) return 0;
        _gateway.Submit(in order);
        TakeProfits++;
        Add(order.ClientOrderId, s, true, nowNs, VisibleAt(s, side, tp));
        return 1;
    }

    // A take-profit follows the position: cancelled when the position closed or turned, resized when it changed.
    private void ManageTakeProfit(ref Managed m, in TrackedOrder o, long pos, long nowNs)
    {
        int s = m.SymbolId;
        bool sell = o.Request.Side == OrderSide.Sell;
        if (pos == 0 || (pos > 0) != sell)
        {
            Cancel(ref m, nowNs);
            return;
        }
        if (nowNs - m.PlacedNs < _options.MinRestNs) return;
        long covered = sell ? _orders.OpenSellLots(s) : _orders.OpenBuyLots(s); // this order's leaves included
        long want = _risk.Symbol(s).FloorToLot(o.LeavesLots + Math.Abs(pos) - covered);
        if (want == o.LeavesLots) return;
        if (want <= 0)
        {
            Cancel(ref m, nowNs);
            return;
        }
        long price = TakeProfitPrice(s, pos);
        if (price <= 0 || CrossesOwn(s, o.Request.Side, price) || !TakeToken(nowNs)) return;
        var replacement = o.Request;
        replacement.ClientOrderId = default;
        replacement.PriceTicks = price;
        replacement.QuantityLots = want;
        replacement.TimeNs = nowNs;
        if (!_orders.OnReplaceSent(o.Request.ClientOrderId, ref replacement)) return;
        _gateway.Replace(o.Request.ClientOrderId, in replacement);
        Replaces++;
        m.Id = replacement.ClientOrderId;
        m.PlacedNs = nowNs;
        m.QueueAheadLots = VisibleAt(s, replacement.Side, price);
    }

    // Entry +/- the target, and at least one exchange tick from our side's touch so the post-only order never crosses;
    // on the symbol's tick grid, rounded away from the market (a sell up, a buy down).
    private long TakeProfitPrice(int s, long pos)
    {
        var info = _risk.Symbol(s);
        long tick = Math.Max(1, info.TickSize);
        double entry = _ledger.Position(s).AverageEntryTicks;
        long offset = Offset(s, entry, _options.TakeProfitTicks, _options.TakeProfitBps);
        if (pos > 0)
        {
            long target = (long)Math.Ceiling(entry) + offset;
            return info.CeilingToTick(_bid[s] > 0 ? Math.Max(target, _bid[s] + tick) : target);
        }
        long down = (long)Math.Floor(entry) - offset;
        return info.FloorToTick(_ask[s] > 0 ? Math.Min(down, _ask[s] - tick) : down);
    }

    // Whole exchange ticks plus basis points of the entry price, the latter rounded up to whole ticks.
    private long Offset(int s, double entryTicks, long ticks, double bps)
    {
        long tick = Math.Max(1, _risk.Symbol(s).TickSize);
        return bps > 0 ? (ticks + (long)Math.Ceiling(entryTicks * bps / 10_000 / tick)) * tick : ticks * tick;
    }

    // The risk's exit order type at the price risk gives a taker (the touch plus the slippage allowance, on the tick
    // grid); -1 when the touch is unknown.
    private long TakerPrice(int s, OrderSide side)
    {
        if (_risk.Options.ExitOrderType == OrderType.Market) return 0;
        if (_bid[s] <= 0 || _ask[s] <= 0) return -1;
        return _risk.TakerLimit(s, side == OrderSide.Buy, _bid[s], _ask[s]);
    }

    private bool HasExit(int s)
    {
        for (int i = 0; i < _count; i++)
            if (_managed[i].SymbolId == s && _managed[i].IsExit) return true;
        return false;
    }
}
