namespace HftScalper.Reporting.Fills;

/// <summary>
/// One of our fills as the trades file and the report keep it: raw integer ticks and lots (converted to prices by
/// the writer, who knows the symbol's scales), the probabilities of the decision that sent the order, the mid at the
/// fill and the mid at each markout horizon (NaN until resolved, and for good when the run ended first).
/// </summary>
public struct FillRecord
{
    /// <summary>Exchange time of the fill in ns.</summary>
    public long TimeNs;

    /// <summary>Symbol id.</summary>
    public int SymbolId;

    /// <summary>+1 buy, -1 sell.</summary>
    public int Side;

    /// <summary>Fill price in ticks.</summary>
    public long PriceTicks;

    /// <summary>Fill quantity in lots.</summary>
    public long QuantityLots;

    /// <summary>True when we provided liquidity (maker).</summary>
    public bool Maker;

    /// <summary>Fee in the symbol's quote units (ticks x lots; negative = rebate).</summary>
    public long FeeUnits;

    /// <summary>Our client order id.</summary>
    public long OrderId;

    /// <summary>P(down) at the decision that sent the order (NaN: no model score, e.g. fallback or flatten).</summary>
    public float PDown;

    /// <summary>P(flat) at that decision (NaN when unknown).</summary>
    public float PFlat;

    /// <summary>P(up) at that decision (NaN when unknown).</summary>
    public float PUp;

    /// <summary>Mid in ticks at the fill: the last mid observed at or before its exchange time (the fill price when none).</summary>
    public double MidTicks;

    /// <summary>Position in lots after the fill.</summary>
    public long PositionAfterLots;

    /// <summary>Mid in ticks at the first markout horizon (NaN while unresolved).</summary>
    public double Mid1;

    /// <summary>Mid in ticks at the second markout horizon (NaN while unresolved).</summary>
    public double Mid2;

    /// <summary>Mid in ticks at the third markout horizon (NaN while unresolved).</summary>
    public double Mid3;

    /// <summary>The mid at horizon <paramref name="h"/> (0..2).</summary>
    public readonly double MidAt(int h) => h switch { 0 => Mid1, 1 => Mid2, _ => Mid3 };

    /// <summary>Sets the mid at horizon <paramref name="h"/> (0..2).</summary>
    public void SetMidAt(int h, double mid)
    {
        if (h == 0) Mid1 = mid;
        else if (h == 1) Mid2 = mid;
        else Mid3 = mid;
    }
}
