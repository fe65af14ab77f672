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

    /// <summary>
    /// <see cref="Distance"/> of two quantities on the same levels in one walk: each result is the one
    /// <see cref="Distance"/> returns (same operations on the same values in the same order, so the same bits), with
    /// the levels read once instead of twice. <paramref name="largePartial"/> is <see cref="Distance"/>'s partial for
    /// <paramref name="large"/>.
    /// </summary>
    public static void Distances(ReadOnlySpan<BookLevel> levels, double small, double large, out double smallDistance,
        out double largeDistance, out bool largePartial)
    {
        smallDistance = largeDistance = 0;
        largePartial = false;
        if (levels.IsEmpty) return;
        // A quantity that is not > 0 walks nothing (Distance returns 0 at once): its remaining starts at 0.
        double best = levels[0].Price;
        double remS = small > 0 ? small : 0, distS = 0, qtyS = 0;
        double remL = large > 0 ? large : 0, distL = 0, qtyL = 0;
        for (int i = 0; i < levels.Length && (remS > 0 || remL > 0); i++)
        {
            double p = levels[i].Price, q = levels[i].Quantity, away = Math.Abs(p - best);
            if (remS > 0)
            {
                double take = q < remS ? q : remS;
                distS += take * away;
                qtyS += take;
                remS -= take;
            }
            if (remL > 0)
            {
                double take = q < remL ? q : remL;
                distL += take * away;
                qtyL += take;
                remL -= take;
            }
        }
        if (qtyS > 0) smallDistance = distS / qtyS;
        if (qtyL > 0) largeDistance = distL / qtyL;
        largePartial = remL > 0;
    }
}
