namespace HftScalper.FakeExchange;

/// <summary>
/// One symbol's trading scales on the fake exchange, as Binance publishes them in exchangeInfo (PRICE_FILTER tickSize,
/// LOT_SIZE stepSize/minQty, MIN_NOTIONAL/NOTIONAL), and the price its generated book sits at. The fake serves them in
/// exchangeInfo, prints its depth, trades and book tickers on that grid, and rejects orders off it (spot -1013, USD-M
/// -4014/-1111/-4164). <see cref="Of"/> holds the symbols whose scales differ from BTC's; every other one trades at BTC-like
/// scales (tick 0.01, step 0.00001, 5 USDT minimum, mid 30,000), COIN-M contracts in whole contracts.
/// </summary>
/// <param name="TickSize">PRICE_FILTER tickSize (also minPrice).</param>
/// <param name="StepSize">LOT_SIZE stepSize.</param>
/// <param name="MinQty">LOT_SIZE minQty.</param>
/// <param name="MinNotional">MIN_NOTIONAL (USD-M notional) / NOTIONAL (spot minNotional); 0 = none (COIN-M).</param>
/// <param name="Mid">The generated book's mid price.</param>
/// <param name="MaxQty">LOT_SIZE (and MARKET_LOT_SIZE) maxQty.</param>
/// <param name="MultiplierUp">PERCENT_PRICE multiplierUp (spot: PERCENT_PRICE_BY_SIDE bid and ask multiplierUp); the fake
/// centres the band on its book's mid.</param>
/// <param name="MultiplierDown">PERCENT_PRICE multiplierDown (spot: bid and ask multiplierDown).</param>
public sealed record FakeSymbolSpec(decimal TickSize, decimal StepSize, decimal MinQty, decimal MinNotional, decimal Mid, decimal MaxQty = 9000m,
    decimal MultiplierUp = 5m, decimal MultiplierDown = 0.2m)
{
    /// <summary>BTCUSDT's spot filters (and the fake's default for any symbol not in the table).</summary>
    public static readonly FakeSymbolSpec BtcLike = new(0.01m, 0.00001m, 0.00001m, 5m, 30_000m);

    // Binance's published filters (spot and USD-M exchangeInfo, 2025-2026); mids near their prices then.
    private static readonly Dictionary<string, FakeSymbolSpec> Spot = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DOGEUSDT"] = new(0.00001m, 1m, 1m, 1m, 0.16000m, 9_000_000m),
        ["XRPUSDT"] = new(0.0001m, 0.1m, 0.1m, 5m, 2.1000m, 9_222_449m),
        ["ADAUSDT"] = new(0.0001m, 0.1m, 0.1m, 5m, 0.7000m, 900_000m), // not in the engine's built-in table
    };

    private static readonly Dictionary<string, FakeSymbolSpec> UsdM = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BNBUSDT"] = new(0.01m, 0.01m, 0.01m, 5m, 600.00m, 2000m),
        ["SOLUSDT"] = new(0.01m, 1m, 1m, 5m, 150.00m, 1_000_000m),
        ["DOGEUSDT"] = new(0.00001m, 1m, 1m, 5m, 0.16000m, 50_000_000m),
    };

    private static readonly FakeSymbolSpec Contracts = new(0.01m, 1m, 1m, 0m, 30_000m);

    /// <summary>Decimals of the tick: the price scale of the book's levels.</summary>
    public int PriceDecimals => DecimalsOf(TickSize);

    /// <summary>Decimals of the step: the quantity scale of the book's levels.</summary>
    public int QuantityDecimals => Math.Max(DecimalsOf(StepSize), DecimalsOf(MinQty));

    /// <summary>The spec of <paramref name="symbol"/> under <paramref name="options"/>: its <see cref="FakeExchangeOptions.SymbolSpecs"/>
    /// entry, else the table's for its market, else <see cref="BtcLike"/> (COIN-M: whole contracts, no minimum notional).</summary>
    public static FakeSymbolSpec Of(FakeExchangeOptions options, string symbol)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, spec) in options.SymbolSpecs)
            if (string.Equals(name, symbol, StringComparison.OrdinalIgnoreCase)) return spec;
        if (options.Futures && options.CoinM) return Contracts;
        return (options.Futures ? UsdM : Spot).TryGetValue(symbol, out var known) ? known : BtcLike;
    }

    private static int DecimalsOf(decimal value)
    {
        int d = 0;
        for (value = Math.Abs(value); value != decimal.Truncate(value); value *= 10) d++;
        return d;
    }
}
