using HftScalper.Native;

namespace HftScalper.Features.Engine;

/// <summary>Price impact of a market order of a fixed notional, walking copied levels best first.</summary>
internal static class ImpactWalk
{
    /// <summary>
    /// Walks <paramref name="levels"/> (best first) until <paramref name="notional"/> (price units x lots) is filled
    /// and returns |VWAP - best| in price units (0 with no level). <paramref name="partial"/> is set when the levels
    /// held less than the notional (the VWAP then covers what exists).
    /// </summary>
    public static double Distance(ReadOnlySpan<BookLevel> levels, double notional, out bool partial)
    {
        partial = false;
        if (levels.IsEmpty) return 0;
        double remaining = notional, filledNotional = 0, filledQty = 0;
        for (int i = 0; i < levels.Length && remaining > 0; i++)
        {
            double p = levels[i].Price, q = levels[i].Quantity;
            double levelNotional = p * q;
            if (levelNotional >= remaining)
            {
                double take = remaining / p;
                filledNotional += remaining;
                filledQty += take;
                remaining = 0;
            }
            else
            {
                filledNotional += levelNotional;
                filledQty += q;
                remaining -= levelNotional;
            }
        }
        partial = remaining > 0;
        if (!(filledQty > 0)) return 0;
        return Math.Abs(filledNotional / filledQty - levels[0].Price);
    }
}
