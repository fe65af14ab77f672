namespace HftScalper.Native;

/// <summary>Validity flags of <see cref="BookFigures"/> (<c>HFT_FIG_*</c>).</summary>
[Flags]
public enum BookFigureFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The bid side has at least one level.</summary>
    HasBid = 1,

    /// <summary>The ask side has at least one level.</summary>
    HasAsk = 2,

    /// <summary>Both sides present and best bid &gt;= best ask.</summary>
    Crossed = 4,

    /// <summary>The asks hold less than the requested notional: the buy impact figures cover only what exists.</summary>
    BuyImpactPartial = 8,

    /// <summary>The bids hold less than the requested notional: the sell impact figures cover only what exists.</summary>
    SellImpactPartial = 16,

    /// <summary>A previous figures call exists since the last clear or snapshot, so the order-flow imbalance is meaningful.</summary>
    OfiValid = 32,
}
