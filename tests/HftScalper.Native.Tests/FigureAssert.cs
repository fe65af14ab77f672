namespace HftScalper.Native.Tests;

/// <summary>Compares every field of two <see cref="BookFigures"/>: integers exactly, doubles to 1e-9 relative.</summary>
internal static class FigureAssert
{
    public static void Equal(in BookFigures expected, in BookFigures actual, string context)
    {
        Check(expected.Flags == actual.Flags, "Flags", expected.Flags, actual.Flags, context);
        Long(expected.BidPrice, actual.BidPrice, "BidPrice", context);
        Long(expected.BidQuantity, actual.BidQuantity, "BidQuantity", context);
        Long(expected.AskPrice, actual.AskPrice, "AskPrice", context);
        Long(expected.AskQuantity, actual.AskQuantity, "AskQuantity", context);
        Long(expected.Spread, actual.Spread, "Spread", context);
        Long(expected.BidLevels, actual.BidLevels, "BidLevels", context);
        Long(expected.AskLevels, actual.AskLevels, "AskLevels", context);
        Near(expected.Mid, actual.Mid, "Mid", context);
        Near(expected.Microprice, actual.Microprice, "Microprice", context);
        Near(expected.Imbalance1, actual.Imbalance1, "Imbalance1", context);
        Near(expected.Imbalance5, actual.Imbalance5, "Imbalance5", context);
        Near(expected.Imbalance10, actual.Imbalance10, "Imbalance10", context);
        Near(expected.Imbalance20, actual.Imbalance20, "Imbalance20", context);
        for (int m = 0; m < OfiLevels.Count; m++) Long(expected.Ofi[m], actual.Ofi[m], $"Ofi[{m}]", context);
        Long(expected.OfiTotal, actual.OfiTotal, "OfiTotal", context);
        Near(expected.BuyImpact, actual.BuyImpact, "BuyImpact", context);
        Near(expected.SellImpact, actual.SellImpact, "SellImpact", context);
        Near(expected.BuyFilledNotional, actual.BuyFilledNotional, "BuyFilledNotional", context);
        Near(expected.SellFilledNotional, actual.SellFilledNotional, "SellFilledNotional", context);
        Near(expected.BidSlope, actual.BidSlope, "BidSlope", context);
        Near(expected.AskSlope, actual.AskSlope, "AskSlope", context);
    }

    private static void Long(long e, long a, string name, string context) => Check(e == a, name, e, a, context);

    private static void Near(double e, double a, string name, string context) =>
        Check(Math.Abs(e - a) <= 1e-9 * Math.Max(1.0, Math.Abs(e)), name, e, a, context);

    private static void Check<T>(bool ok, string name, T expected, T actual, string context)
    {
        if (!ok) Assert.Fail($"{name}: expected {expected}, native {actual} ({context})");
    }
}
