using System.Globalization;

namespace HftScalper.Reporting;

/// <summary>
/// Amounts of the account's asset as the HTML report and the text summary print them. Four decimals from 0.01 up (a
/// USDT run reads as before), four significant digits below: a COIN-M account's amounts are fractions of a coin, and
/// at a fixed four decimals a 1 BTC run's fees of 8.3e-5 BTC, its PnL and every attribution term printed as 0.0000.
/// </summary>
internal static class AmountText
{
    /// <summary>An amount (PnL, fees, an attribution term, a notional).</summary>
    public static string Of(double v) =>
        v == 0 || !double.IsFinite(v) || Math.Abs(v) >= 0.01 ? v.ToString("F4", CultureInfo.InvariantCulture) : v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>An equity: two decimals from 1,000 up, else ten significant digits (a 1 BTC account's change shows).</summary>
    public static string Equity(double v) =>
        !double.IsFinite(v) || Math.Abs(v) >= 1000 ? v.ToString("F2", CultureInfo.InvariantCulture) : v.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>What the amounts are in: the account's asset, or "quote currency" when the run did not say.</summary>
    public static string Unit(string? accountAsset) => string.IsNullOrWhiteSpace(accountAsset) ? "quote currency" : accountAsset;
}
