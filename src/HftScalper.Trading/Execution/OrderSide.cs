namespace HftScalper.Trading.Execution;

/// <summary>Side of an order; the numeric value is the sign of the position change a fill causes.</summary>
public enum OrderSide : sbyte
{
    /// <summary>Unset (invalid in a request).</summary>
    None = 0,

    /// <summary>Buy: a fill adds to the position.</summary>
    Buy = 1,

    /// <summary>Sell: a fill subtracts from the position.</summary>
    Sell = -1,
}
