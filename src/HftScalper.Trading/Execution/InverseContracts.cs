using HftScalper.Core.Symbols;

namespace HftScalper.Trading.Execution;

/// <summary>
/// The rules of inverse (coin-margined) contracts, Binance COIN-M (<c>binance-coinm</c>): a quantity is a whole number of
/// contracts of a fixed USD value (the contract size: 100 USD for BTCUSD perpetual and quarterlies, 10 USD for the
/// others; exchangeInfo's <c>contractSize</c>, <see cref="Margin.FuturesOptions.ContractSizes"/> to override), margin,
/// fees and PnL are amounts of the coin (BTC for BTCUSD_PERP):
/// <code>
/// notional (coin) = contracts x size / price        PnL (coin) = contracts x size x (1/entry - 1/exit) (long; short: minus)
/// fee (coin)      = notional x rate                 funding (coin) = -side x notional at the mark x rate
/// </code>
/// The arithmetic lives in <see cref="Ledger.SymbolAmounts"/>; this class says which symbols it applies to.
/// </summary>
public static class InverseContracts
{
    /// <summary>Decimals of the coin amounts of an inverse symbol (10^-10 coin: a fee of 0.02 % on one 10 USD contract of a
    /// 60,000 USD coin is 3.3e-8 coin, kept to 3 significant digits; 10^6 coins still fit 64-bit totals).</summary>
    public const int AmountDecimals = 10;

    /// <summary>True when <paramref name="symbol"/> is an inverse contract (its venue is <c>binance-coinm</c>).</summary>
    public static bool IsInverse(SymbolInfo symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return IsInverseVenue(symbol.Venue);
    }

    /// <summary>True when <paramref name="venue"/> trades inverse contracts (<c>binance-coinm</c>): for code that registers
    /// a venue's symbols, e.g. the simulator's, before any <see cref="SymbolInfo"/> exists.</summary>
    public static bool IsInverseVenue(string venue) => string.Equals(venue, "binance-coinm", StringComparison.OrdinalIgnoreCase);

    /// <summary>Binance's contract size in USD of a COIN-M symbol: 100 for the BTCUSD pair (perpetual and quarterlies),
    /// 10 for every other pair (Binance's COIN-M contract specifications).</summary>
    public static long DefaultContractSizeUsd(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return Pair(symbol).Equals("BTCUSD", StringComparison.OrdinalIgnoreCase) ? 100 : 10;
    }

    /// <summary>The contract size in USD of <paramref name="symbol"/>: <paramref name="overrides"/>' (by name, any case)
    /// when it names it, else <see cref="DefaultContractSizeUsd"/>.</summary>
    public static long ContractSizeUsd(string symbol, IReadOnlyDictionary<string, long>? overrides)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (overrides is not null)
            foreach (var (name, size) in overrides)
                if (string.Equals(name, symbol, StringComparison.OrdinalIgnoreCase)) return size;
        return DefaultContractSizeUsd(symbol);
    }

    /// <summary>The coin an inverse symbol is margined and settled in: its pair before <c>USD</c> (BTCUSD_PERP: BTC);
    /// <see cref="SymbolInfo.UnknownQuote"/> when the name has no such pair.</summary>
    public static string MarginAsset(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var pair = Pair(symbol);
        return pair.Length > 3 && pair.EndsWith("USD", StringComparison.OrdinalIgnoreCase)
            ? pair[..^3].ToUpperInvariant() : SymbolInfo.UnknownQuote;
    }

    /// <summary>The asset a symbol's amounts (notional, fees, PnL) are in: the margin coin of an inverse contract, the quote
    /// asset of any other symbol (null when the source states none).</summary>
    public static string? SettlementAsset(SymbolInfo symbol) => IsInverse(symbol) ? MarginAsset(symbol.Name) : symbol.QuoteAsset;

    // BTCUSD_PERP, BTCUSD_211231: the pair is before the contract suffix.
    private static string Pair(string symbol)
    {
        int cut = symbol.IndexOf('_');
        return cut > 0 ? symbol[..cut] : symbol;
    }
}
