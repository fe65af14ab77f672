using HftScalper.Trading.Risk;

namespace HftScalper.Trading.Margin;

// The checks risk asks for: an entry's margin and liquidation distance, and an open position's distance.
public sealed partial class MarginAccount
{
    /// <summary>
    /// Whether an entry of <paramref name="lots"/> lots in direction <paramref name="direction"/> (+1 buy, -1 sell) at
    /// <paramref name="priceTicks"/> fits: <see cref="RiskVerdict.InsufficientMargin"/> when the initial margin of every
    /// position and open order with it exceeds the margin balance (the order's margin exceeds the available balance),
    /// <see cref="RiskVerdict.LiquidationTooClose"/> when the position it leaves would have its liquidation price closer to
    /// the mark than <see cref="FuturesOptions.MinLiquidationDistanceBps"/>; otherwise <see cref="RiskVerdict.Accept"/>
    /// (always for a symbol that is not margined). A symbol not marked yet is marked at the mid of
    /// <paramref name="bidTicks"/> / <paramref name="askTicks"/>. With a live venue's figure for the position held
    /// (<see cref="VenueRisk"/>), an entry that grows it is judged by our liquidation price of the result shifted by the
    /// difference between the exchange's and ours for the position held.
    /// </summary>
    public RiskVerdict CheckEntry(int symbolId, int direction, long lots, long priceTicks, long bidTicks, long askTicks)
    {
        if (!IsMargined(symbolId) || lots <= 0) return RiskVerdict.Accept;
        if (_mark[symbolId] <= 0) MarkMid(symbolId, bidTicks, askTicks);
        long required = 0;
        for (int i = 0; i < _margined.Length; i++)
            required += i == symbolId ? InitialMargin(i, direction > 0 ? lots : 0, direction < 0 ? lots : 0) : InitialMargin(i);
        if (required > MarginBalance) return RiskVerdict.InsufficientMargin;
        ref readonly var p = ref _ledger.Position(symbolId);
        long after = p.PositionLots + direction * lots;
        if (after == 0) return RiskVerdict.Accept;
        long liquidation = LiquidationOf(symbolId, after, p.ValueBasis + _amounts.Value(symbolId, direction * lots, priceTicks));
        // The exchange's figure of the current position corrects ours for the position the entry leaves (same side):
        // what our model misses for the position held (other assets, the exchange's brackets and marks) it misses after.
        if (liquidation > 0 && Math.Sign(after) == Math.Sign(p.PositionLots) && TryVenueLiquidation(symbolId, p.PositionLots, out long venue) && venue > 0)
            liquidation = Math.Max(1, liquidation + venue - LiquidationOf(symbolId, p.PositionLots, p.ValueBasis));
        return LiquidationPrice.DistanceCentiBps(Math.Sign(after), liquidation, MarkTicks(symbolId)) < _entryDistance
            ? RiskVerdict.LiquidationTooClose : RiskVerdict.Accept;
    }

    /// <summary>
    /// Checks a symbol's open position (call after marking it): records the initial margin in use and the
    /// liquidation distance for the summary, and returns true when the liquidation price is closer to the mark than
    /// <see cref="FuturesOptions.ReduceLiquidationDistanceBps"/>, i.e. the position must be closed.
    /// </summary>
    public bool NearLiquidation(int symbolId)
    {
        if (!IsMargined(symbolId)) return false;
        long lots = _ledger.Position(symbolId).PositionLots;
        if (lots == 0) return false;
        long used = 0;
        for (int i = 0; i < _margined.Length; i++)
            if (_margined[i]) used += Margin(i, Math.Abs(_ledger.Position(i).PositionLots));
        if (used > _maxInitialMargin) _maxInitialMargin = used;
        long distance = LiquidationPrice.DistanceCentiBps(Math.Sign(lots), LiquidationPriceTicks(symbolId), MarkTicks(symbolId));
        if (distance < _minDistance) _minDistance = distance;
        return distance < _reduceDistance;
    }

    /// <summary>Counts a position closed for being near its liquidation price.</summary>
    public void CountLiquidationReduce() => LiquidationReduces++;
}
