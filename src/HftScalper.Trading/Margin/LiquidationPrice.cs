namespace HftScalper.Trading.Margin;

/// <summary>
/// Binance's USD-M liquidation price (one-way mode), in integers:
/// <code>
/// LP = (WB - TMM1 + UPNL1 + cumB - side x Q x EP) / (Q x MMR - side x Q)
/// </code>
/// WB wallet balance (cross: the account's; isolated: the position's margin), TMM1 and UPNL1 the maintenance margin
/// and unrealised PnL of every other position (0 when isolated), cumB and MMR the maintenance amount and rate of the
/// position's bracket, side +1 long / -1 short, Q the absolute size, EP the entry price. In ledger units: Q x EP is
/// the position's cost in account units and Q x LP = LP ticks x lots x scale. The long's price is rounded up and the
/// short's down (both liquidate a tick sooner, against us).
/// </summary>
public static class LiquidationPrice
{
    private const long Ppm = MaintenanceBrackets.Ppm;

    /// <summary>
    /// The liquidation price in ticks of a position of <paramref name="lots"/> (&gt; 0) lots on <paramref name="side"/>
    /// (+1 long, -1 short) that cost <paramref name="cost"/> account units (Q x EP), where one lot x one tick is
    /// <paramref name="scale"/> account units. 0 when a long cannot be liquidated (the balance covers a fall to zero)
    /// or a short is liquidatable at any price.
    /// </summary>
    public static long Compute(int side, long lots, long cost, long scale, long walletBalance, long otherMaintenance,
        long otherUnrealized, long cum, long maintenanceRatePpm)
    {
        if (lots <= 0 || scale <= 0) return 0;
        Int128 balance = (Int128)walletBalance - otherMaintenance + otherUnrealized + cum;
        Int128 perTick = (Int128)lots * scale;
        if (side > 0)
        {
            Int128 num = ((Int128)cost - balance) * Ppm;
            Int128 den = perTick * (Ppm - maintenanceRatePpm);
            if (num <= 0) return 0;
            if (den <= 0) return long.MaxValue; // a 100 % maintenance rate: liquidated at once
            return Clamp((num + den - 1) / den);
        }
        Int128 snum = ((Int128)cost + balance) * Ppm;
        if (snum <= 0) return 0;
        return Clamp(snum / (perTick * (Ppm + maintenanceRatePpm)));
    }

    /// <summary>
    /// Distance from <paramref name="markTicks"/> to a liquidation price on the losing side, in hundredths of a basis
    /// point of the mark (1,000,000 = 100 %): mark - LP for a long, LP - mark for a short; 0 when the mark is already
    /// past it. A long with no liquidation price (0) is 100 % away.
    /// </summary>
    public static long DistanceCentiBps(int side, long liquidationTicks, long markTicks)
    {
        if (markTicks <= 0) return 0;
        Int128 gap = side > 0 ? (Int128)markTicks - liquidationTicks : (Int128)liquidationTicks - markTicks;
        if (gap <= 0) return 0;
        return Clamp(gap * 1_000_000 / markTicks);
    }

    private static long Clamp(Int128 v) => v > long.MaxValue ? long.MaxValue : (long)v;
}
