namespace HftScalper.Binance.Parsing;

/// <summary>
/// One USD-M <c>markPriceUpdate</c> (stream <c>&lt;symbol&gt;@markPrice@1s</c> or <c>@markPrice</c>): prices at Binance's
/// 8 string decimals (they are off the tick grid), the funding rate in 1e-8 (signed), times in ms since the Unix epoch.
/// </summary>
/// <param name="EventTimeMs"><c>E</c>.</param>
/// <param name="MarkPriceE8"><c>p</c>, mark price x 1e8.</param>
/// <param name="IndexPriceE8"><c>i</c>, index price x 1e8.</param>
/// <param name="SettlePriceE8"><c>P</c>, estimated settle price x 1e8 (only useful in the last hour before settlement).</param>
/// <param name="FundingRateE8"><c>r</c>, funding rate x 1e8 (0.00038167 = 38167; negative: shorts pay longs).</param>
/// <param name="NextFundingTimeMs"><c>T</c>.</param>
public readonly record struct MarkPriceUpdate(long EventTimeMs, long MarkPriceE8, long IndexPriceE8, long SettlePriceE8, long FundingRateE8,
    long NextFundingTimeMs)
{
    /// <summary>Decimals of the price and rate fields.</summary>
    public const int Decimals = 8;

    /// <summary>The mark price in ticks of a symbol with <paramref name="priceDecimals"/> (0..8) price decimals, rounded
    /// half away from zero to the tick grid.</summary>
    public long MarkPriceTicks(int priceDecimals) => ToTicks(MarkPriceE8, priceDecimals);

    /// <summary>The index price in ticks (see <see cref="MarkPriceTicks"/>).</summary>
    public long IndexPriceTicks(int priceDecimals) => ToTicks(IndexPriceE8, priceDecimals);

    private static long ToTicks(long e8, int priceDecimals)
    {
        if ((uint)priceDecimals >= Decimals) return e8;
        long unit = Core.Numerics.FixedPoint.PowerOfTen(Decimals - priceDecimals);
        return (e8 + unit / 2) / unit;
    }
}
