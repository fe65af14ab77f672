using HftScalper.Core.Symbols;

namespace HftScalper.Trading.Execution;

/// <summary>
/// Inverse (coin-margined) contracts, which the ledger, risk and paper venue do not model: Binance COIN-M
/// (<c>binance-coinm</c>) quotes a quantity in contracts of a fixed USD value (100 USD for BTCUSD_PERP, 10 for the
/// others) and settles PnL in the coin, 1/entry - 1/exit; the desk's arithmetic is linear (quantity x price in the quote
/// asset), so its notional, fees and PnL would be wrong. A run that holds one trades nothing (fail closed).
/// </summary>
public static class InverseContracts
{
    /// <summary>True when <paramref name="symbol"/> is an inverse contract (its venue is <c>binance-coinm</c>).</summary>
    public static bool IsInverse(SymbolInfo symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return symbol.Venue.Equals("binance-coinm", StringComparison.OrdinalIgnoreCase);
    }
}
