using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Price and quantity scales of common Binance symbols (from their exchangeInfo PRICE_FILTER tickSize and LOT_SIZE
/// stepSize; quantities at Binance's 8 string decimals), so a recording replayed without an exchangeInfo registers them with their real scales instead of
/// the generic 8/8 decimals — which keeps quote amounts (ticks x lots) small enough for integer account units.
/// Unknown symbols still register with <see cref="Core.Symbols.SymbolRegistry.DefaultDecimals"/>.
/// </summary>
public static class KnownSymbols
{
    /// <summary>One symbol's scales: decimals of the tick and of the lot, the minimum notional in quote units, and the
    /// quote asset those units are of.</summary>
    public readonly record struct Scales(int PriceDecimals, int QuantityDecimals, long MinNotionalQuote, string QuoteAsset)
    {
        /// <summary>The minimum notional in the registry's units, 10^-(PriceDecimals+QuantityDecimals) of the quote asset.</summary>
        public long MinNotionalUnits => MinNotionalQuote * FixedPoint.PowerOfTen(PriceDecimals + QuantityDecimals);
    }

    /// <summary>
    /// Registers <paramref name="symbol"/> the one way replay, recording and conversion all do: a known symbol with its
    /// exchange scales and minimum notional, any other with the generic <see cref="SymbolRegistry.DefaultDecimals"/>; either
    /// with its quote asset (<see cref="QuoteAsset"/>). Returns the registered symbol (or the one already registered under that name).
    /// </summary>
    public static SymbolInfo Register(SymbolRegistry registry, string venue, string symbol) =>
        TryRegister(registry, venue, symbol)
        ?? throw new InvalidOperationException(
            $"symbol registry full: '{symbol}' refused, a run holds at most {registry.MaxSymbols} symbols");

    /// <summary>
    /// Like <see cref="Register"/>, but returns null when the registry is full (counted in
    /// <see cref="SymbolRegistry.Refused"/>): for names found in input data, where one refused frame must not end the run.
    /// </summary>
    public static SymbolInfo? TryRegister(SymbolRegistry registry, string venue, string symbol)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return TryGet(venue, symbol, out var k)
            ? registry.TryRegister(symbol, venue, k.PriceDecimals, k.QuantityDecimals, minNotional: k.MinNotionalUnits, quoteAsset: k.QuoteAsset)
            : registry.TryRegister(symbol, venue, SymbolRegistry.DefaultDecimals, SymbolRegistry.DefaultDecimals,
                quoteAsset: QuoteAssets.Infer(symbol));
    }

    /// <summary>
    /// The quote asset of <paramref name="symbol"/> on <paramref name="venue"/>: the table's for a known symbol, else the
    /// one its name ends with (<see cref="QuoteAssets.Infer"/>; <see cref="SymbolInfo.UnknownQuote"/> when none); null on a
    /// venue that is not Binance's (<c>generic</c>: the source states no quote asset). exchangeInfo, where a run has it,
    /// states it instead (its <c>quoteAsset</c>).
    /// </summary>
    public static string? QuoteAsset(string venue, string symbol)
    {
        ArgumentNullException.ThrowIfNull(venue);
        if (!venue.StartsWith("binance", StringComparison.OrdinalIgnoreCase)) return null;
        return TryGet(venue, symbol, out var k) ? k.QuoteAsset : QuoteAssets.Infer(symbol);
    }

    /// <summary>The venue of Binance.US spot recordings (<c>stream.binance.us</c>): another exchange than binance.com,
    /// with its own filters and fees, so no table here applies to it (its symbols take the scales their recording uses).</summary>
    public const string UsSpotVenue = "binance-us-spot";

    // Price decimals follow the tick size; quantities keep Binance's 8 string decimals, because aggregated level
    // quantities in real feeds are not always multiples of the order step (seen in BTCUSDT depth: 25.426189).
    private static readonly Dictionary<string, Scales> Spot = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BTCUSDT"] = new(2, 8, 5, "USDT"), ["ETHUSDT"] = new(2, 8, 5, "USDT"), ["BNBUSDT"] = new(2, 8, 5, "USDT"),
        ["SOLUSDT"] = new(2, 8, 5, "USDT"), ["XRPUSDT"] = new(4, 8, 5, "USDT"), ["DOGEUSDT"] = new(5, 8, 1, "USDT"),
        ["ETHBTC"] = new(5, 8, 0, "BTC"), ["BTCFDUSD"] = new(2, 8, 5, "FDUSD"),
    };

    private static readonly Dictionary<string, Scales> UsdM = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BTCUSDT"] = new(2, 8, 100, "USDT"), ["ETHUSDT"] = new(2, 8, 20, "USDT"), ["BNBUSDT"] = new(3, 8, 5, "USDT"),
        ["SOLUSDT"] = new(4, 8, 5, "USDT"),
    };

    // COIN-M quantities are whole contracts (exchangeInfo quantityPrecision 0, LOT_SIZE stepSize 1; depth quantities too).
    private static readonly Dictionary<string, Scales> CoinM = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BTCUSD_PERP"] = new(2, 0, 0, "USD"), ["ETHUSD_PERP"] = new(3, 0, 0, "USD"),
    };

    /// <summary>
    /// The venue's minimum order notional for <paramref name="symbol"/> in fixed-point units of the given decimals (price
    /// x quantity), 0 when the symbol is not known: for symbols registered with other decimals than the exchange's,
    /// e.g. the simulator's, so their orders meet the same exchange rule as a replay of a recording does.
    /// </summary>
    public static long MinNotionalUnits(string venue, string symbol, int priceDecimals, int quantityDecimals) =>
        TryGet(venue, symbol, out var k) ? k.MinNotionalQuote * FixedPoint.PowerOfTen(priceDecimals + quantityDecimals) : 0;

    /// <summary>The scales of <paramref name="symbol"/> on <paramref name="venue"/> (binance-spot, binance-usdm, binance-coinm;
    /// none on <see cref="UsSpotVenue"/>, another exchange whose filters these tables do not describe).</summary>
    public static bool TryGet(string venue, string symbol, out Scales scales)
    {
        var table = venue switch
        {
            "binance-usdm" => UsdM,
            "binance-coinm" => CoinM,
            UsSpotVenue => null,
            _ => Spot,
        };
        if (table is not null) return table.TryGetValue(symbol, out scales);
        scales = default;
        return false;
    }
}
