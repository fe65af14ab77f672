namespace HftScalper.Core.Symbols;

/// <summary>
/// A tradable instrument and its integer scales. Prices are held as integers in units of
/// 10^-<see cref="PriceDecimals"/> ("ticks") and quantities in units of 10^-<see cref="QuantityDecimals"/> ("lots").
/// </summary>
/// <param name="Id">Dense id (0, 1, 2, ...) assigned by the registry; indexes per-symbol arrays.</param>
/// <param name="Name">Upper-case venue symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Venue">Venue and market, e.g. <c>binance-spot</c>, <c>binance-usdm</c>, <c>generic</c>.</param>
/// <param name="PriceDecimals">Decimal places of one price unit (BTCUSDT spot: 2 for tick 0.01).</param>
/// <param name="QuantityDecimals">Decimal places of one quantity unit (BTCUSDT spot: 5 for step 0.00001).</param>
/// <param name="TickSize">Minimum price increment in price units (1 when the tick equals the unit).</param>
/// <param name="LotSize">Minimum quantity increment in quantity units.</param>
/// <param name="MinNotional">Minimum order notional in units of 10^-(PriceDecimals+QuantityDecimals) of the quote asset.</param>
/// <param name="MinQuantity">Minimum order quantity in quantity units (the exchange's LOT_SIZE minQty; 0 = only the lot).</param>
/// <param name="QuoteAsset">The asset prices, notionals, fees and PnL of this symbol are amounts of (<c>USDT</c> for
/// BTCUSDT, <c>BTC</c> for ETHBTC), upper case; <see cref="UnknownQuote"/> when a venue symbol's name does not say it;
/// null when the source does not state one (a generic single-instrument source, e.g. LOBSTER or Lean equities: its
/// prices are taken to be in the account's currency). Only a symbol quoted in the account's asset is traded.</param>
/// <param name="MaxQuantity">Maximum order quantity in quantity units (the exchange's LOT_SIZE maxQty, as a live run reads it
/// from exchangeInfo; 0 = no limit known): entries are sized at most this.</param>
/// <remarks>Everything the risk checks read about a symbol lives here, and a journal segment header carries all of
/// it (<c>JournalSymbol</c>), so a replay from a journal decides exactly as a replay of the original recording; the quote
/// asset it does not carry is derived on reading, from the venue and the name, as the recording's replay derives it.</remarks>
public sealed record SymbolInfo(
    int Id,
    string Name,
    string Venue,
    int PriceDecimals,
    int QuantityDecimals,
    long TickSize = 1,
    long LotSize = 1,
    long MinNotional = 0,
    long MinQuantity = 0,
    string? QuoteAsset = null,
    long MaxQuantity = 0)
{
    /// <summary>The <see cref="QuoteAsset"/> of a venue symbol whose quote asset is not known (never traded).</summary>
    public const string UnknownQuote = "?";

    /// <summary>
    /// Whether this is what a symbol of unknown exchange filters registers with: <see cref="SymbolRegistry.DefaultDecimals"/>
    /// for price and quantity, unit tick and lot, no minimum (its quote amounts are too fine for 64-bit account totals).
    /// </summary>
    public bool HasGenericScales =>
        PriceDecimals == SymbolRegistry.DefaultDecimals && QuantityDecimals == SymbolRegistry.DefaultDecimals
        && TickSize == 1 && LotSize == 1 && MinNotional == 0 && MinQuantity == 0;

    /// <summary>The highest price on the tick grid at or below <paramref name="price"/> (price units). The grid is
    /// anchored at 0, as every exchange price bound we know is a multiple of its tick.</summary>
    public long FloorToTick(long price) => price - FloorMod(price, Math.Max(1, TickSize));

    /// <summary>The lowest price on the tick grid at or above <paramref name="price"/>.</summary>
    public long CeilingToTick(long price)
    {
        long r = FloorMod(price, Math.Max(1, TickSize));
        return r == 0 ? price : price - r + Math.Max(1, TickSize);
    }

    /// <summary>
    /// <paramref name="price"/> on the tick grid, rounded toward the passive side: down for a buy, up for a sell. One rule
    /// for both order kinds: a post-only price never moves toward crossing, and an IOC limit (touch plus the slippage
    /// allowance) never goes beyond the allowance.
    /// </summary>
    public long PassiveTick(long price, bool buy) => buy ? FloorToTick(price) : CeilingToTick(price);

    /// <summary>The largest whole number of lots at or below <paramref name="quantity"/> (quantity units; 0 and below stay).</summary>
    public long FloorToLot(long quantity) => quantity <= 0 ? quantity : quantity - quantity % Math.Max(1, LotSize);

    /// <summary>Whether <paramref name="price"/> is a whole number of ticks (an exchange refuses any other: PRICE_FILTER).</summary>
    public bool IsOnTick(long price) => FloorMod(price, Math.Max(1, TickSize)) == 0;

    /// <summary>Whether <paramref name="quantity"/> is a whole number of lots (an exchange refuses any other: LOT_SIZE).</summary>
    public bool IsOnLot(long quantity) => FloorMod(quantity, Math.Max(1, LotSize)) == 0;

    private static long FloorMod(long value, long step)
    {
        long r = value % step;
        return r < 0 ? r + step : r;
    }

    /// <summary>Price units to a double price (reports and features only).</summary>
    public double PriceToDouble(long ticks) => Numerics.FixedPoint.ToDouble(ticks, PriceDecimals);

    /// <summary>Quantity units to a double quantity (reports and features only).</summary>
    public double QuantityToDouble(long lots) => Numerics.FixedPoint.ToDouble(lots, QuantityDecimals);
}
