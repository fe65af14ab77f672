namespace HftScalper.Binance.Parsing;

/// <summary>
/// The quote asset of a Binance symbol read from its name, for symbols no filter table or exchangeInfo describes:
/// the longest of Binance's quote assets the name ends with (so <c>BTCFDUSD</c> is FDUSD, not USD, and <c>ETHBTC</c>
/// is BTC). A futures contract suffix (<c>_PERP</c>, <c>_250328</c>) is ignored. A name that ends in none of them
/// has <see cref="Core.Symbols.SymbolInfo.UnknownQuote"/> (never traded).
/// </summary>
public static class QuoteAssets
{
    // Quote assets Binance (spot, USD-M, COIN-M, Binance.US) lists or has listed. Longest first: a suffix that is the
    // tail of a longer one (USD of FDUSD/BUSD/TUSD, TRY of ...) must lose to it.
    private static readonly string[] Suffixes = [.. new[]
    {
        "USDT", "USDC", "FDUSD", "BUSD", "TUSD", "USDP", "USDS", "PAX", "DAI", "UST", "VAI", "AEUR", "EURI", "USD",
        "BTC", "ETH", "BNB", "XRP", "TRX", "DOGE", "DOT", "SOL",
        "EUR", "GBP", "TRY", "BRL", "AUD", "RUB", "UAH", "NGN", "ZAR", "IDRT", "BIDR", "BKRW", "BVND", "PLN", "RON", "ARS",
        "JPY", "MXN", "COP", "CZK", "GYEN",
    }.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];

    /// <summary>The quote asset <paramref name="symbol"/>'s name ends with (upper case), or
    /// <see cref="Core.Symbols.SymbolInfo.UnknownQuote"/> when it ends in no known quote asset.</summary>
    public static string Infer(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var name = symbol.AsSpan();
        int contract = name.IndexOf('_');
        if (contract > 0) name = name[..contract]; // BTCUSD_PERP, ETHUSDT_250328: the pair is before the suffix
        foreach (var quote in Suffixes)
            if (name.Length > quote.Length && name.EndsWith(quote, StringComparison.OrdinalIgnoreCase)) return quote;
        return Core.Symbols.SymbolInfo.UnknownQuote;
    }
}
