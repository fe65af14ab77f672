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
/// <para>COIN-M inverse contracts (Binance's COIN-M formula, one-way mode; <see cref="ComputeInverse"/>):</para>
/// <code>
/// LP = (N x MMR + side x N) / (WB - TMM1 + UPNL1 + cumB + side x N / EP)
/// </code>
/// N the position's USD value (contracts x contract size), N / EP its coin value at entry, every balance in the coin.
/// It is where margin balance = maintenance margin: WB' + side x N x (1/EP - 1/LP) = N / LP x MMR - cumB.
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
    /// The liquidation price in ticks of an inverse position of <paramref name="lots"/> (&gt; 0) lots on
    /// <paramref name="side"/> whose coin value at entry is <paramref name="cost"/> account units (N / EP), where one lot
    /// at a price of p ticks is worth <paramref name="perLotTicks"/> / p account units. A long can always be liquidated
    /// (its loss grows without bound as the price falls): <see cref="long.MaxValue"/> when the balance is already short.
    /// A short's loss is bounded by its entry value (the price rising without bound): <see cref="long.MaxValue"/> when the
    /// balance covers it, 0 when it is liquidatable at any price.
    /// </summary>
    public static long ComputeInverse(int side, long lots, long cost, Int128 perLotTicks, long walletBalance, long otherMaintenance,
        long otherUnrealized, long cum, long maintenanceRatePpm)
    {
        if (lots <= 0 || perLotTicks <= 0) return 0;
        Int128 balance = (Int128)walletBalance - otherMaintenance + otherUnrealized + cum;
        Int128 value = lots * perLotTicks; // N x 10^ticks, account units x ticks
        if (side > 0)
        {
            Int128 den = (balance + cost) * Ppm;
            if (den <= 0) return long.MaxValue; // the balance cannot carry the position at any price: liquidated at once
            Int128 num = value * (Ppm + maintenanceRatePpm);
            return Clamp((num + den - 1) / den);
        }
        if (balance >= cost) return long.MaxValue; // never liquidated
        Int128 snum = value * (Ppm - maintenanceRatePpm);
        if (snum <= 0) return 0;
        return Clamp(snum / ((cost - balance) * Ppm));
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
