using HftScalper.Core.Symbols;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Who may sell what is not held. A spot market (venue <c>*-spot</c>, e.g. <c>binance-spot</c>) sells only the base
/// asset the account holds, unless the account trades on margin (borrowed base); futures (<c>binance-usdm</c>,
/// <c>binance-coinm</c>) and other venues may go short. One rule, read by risk and by the paper venue.
/// </summary>
internal static class ShortSelling
{
    /// <summary>True for a spot venue name (<c>*-spot</c> or <c>spot</c>, any case).</summary>
    public static bool IsSpot(string venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return venue.EndsWith("-spot", StringComparison.OrdinalIgnoreCase) || venue.Equals("spot", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when <paramref name="symbol"/> may be sold beyond what is held: not spot, or spot on margin.</summary>
    public static bool IsAllowed(SymbolInfo symbol, bool spotMargin)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return spotMargin || !IsSpot(symbol.Venue);
    }
}
