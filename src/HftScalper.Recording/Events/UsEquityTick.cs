namespace HftScalper.Recording.Events;

/// <summary>
/// The price increment of US equities in the $0.0001 units Lean and LOBSTER files use: Reg NMS rule 612 forbids quotes
/// and orders in increments below $0.01 at prices of $1.00 and above; below $1.00 the increment is $0.0001 (one unit).
/// </summary>
/// <remarks>A symbol has one tick (<see cref="Core.Symbols.SymbolInfo.TickSize"/>), so the penny applies at every price: a
/// stock below $1 would be quoted on a coarser grid than the rule allows, never on a finer one a venue refuses. Every
/// recording bundled here is far above $1 (IBM 2013: ~$180).</remarks>
internal static class UsEquityTick
{
    /// <summary>Decimals of one price unit in the equity files (1/10000 USD).</summary>
    public const int PriceDecimals = 4;

    /// <summary>$0.01 in price units: the tick at $1.00 and above.</summary>
    public const long TickSize = 100;
}
