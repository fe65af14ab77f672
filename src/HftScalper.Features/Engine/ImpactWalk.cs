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
        // Sums each level's distance from the best (an exact integer), not its notional: |VWAP - best| is then exactly 0
        // for an order inside the best level, where notional / quantity - best left 1 ulp of the price (1.5e-12 bps,
        // either sign of 0 depending on the price units) for a tree's zero split to read.
        double best = levels[0].Price, remaining = quantity, filledDistance = 0, filledQty = 0;
        for (int i = 0; i < levels.Length && remaining > 0; i++)
        {
            double p = levels[i].Price, q = levels[i].Quantity;
            double take = q < remaining ? q : remaining;
            filledDistance += take * Math.Abs(p - best);
            filledQty += take;
            remaining -= take;
        }
        partial = remaining > 0;
        if (!(filledQty > 0)) return 0;
        return filledDistance / filledQty;
    }
}
