using HftScalper.Native;

namespace HftScalper.Features.Engine;

/// <summary>Price impact of a market order of a given quantity, walking copied levels best first.</summary>
internal static class ImpactWalk
{
    /// <summary>
    /// Walks <paramref name="levels"/> (best first) until <paramref name="quantity"/> (lots) is filled and returns
    /// |VWAP - best| in price units (0 with no level or no quantity). <paramref name="partial"/> is set when the
    /// levels held less than the quantity (the VWAP then covers what exists).
    /// </summary>
    public static double Distance(ReadOnlySpan<BookLevel> levels, double quantity, out bool partial)
    {
        partial = false;
        if (levels.IsEmpty || !(quantity > 0)) return 0;
        double remaining = quantity, filledNotional = 0, filledQty = 0;
        for (int i = 0; i < levels.Length && remaining > 0; i++)
        {
            double p = levels[i].Price, q = levels[i].Quantity;
            double take = q < remaining ? q : remaining;
            filledNotional += take * p;
            filledQty += take;
            remaining -= take;
        }
        partial = remaining > 0;
        if (!(filledQty > 0)) return 0;
        return Math.Abs(filledNotional / filledQty - levels[0].Price);
    }
}
