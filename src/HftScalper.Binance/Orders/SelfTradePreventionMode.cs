namespace HftScalper.Binance.Orders;

/// <summary><c>selfTradePreventionMode</c> (configurable; Unset = the exchange/symbol default).</summary>
public enum SelfTradePreventionMode : byte
{
    /// <summary>Not sent: the symbol's <c>defaultSelfTradePreventionMode</c> applies.</summary>
    Unset = 0,

    /// <summary>NONE.</summary>
    None,

    /// <summary>EXPIRE_TAKER.</summary>
    ExpireTaker,

    /// <summary>EXPIRE_MAKER.</summary>
    ExpireMaker,

    /// <summary>EXPIRE_BOTH.</summary>
    ExpireBoth,

    /// <summary>DECREMENT (spot only).</summary>
    Decrement,
}
