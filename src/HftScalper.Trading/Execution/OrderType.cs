namespace HftScalper.Trading.Execution;

/// <summary>Order types the gateways accept (Binance spot names in brackets).</summary>
public enum OrderType : byte
{
    /// <summary>Unset (invalid in a request).</summary>
    None = 0,

    /// <summary>Takes liquidity at any price up to the order size; an unfilled remainder expires (MARKET).</summary>
    Market = 1,

    /// <summary>Good-till-cancel limit: takes what crosses its price, the remainder rests as maker (LIMIT GTC).</summary>
    Limit = 2,

    /// <summary>Maker-only limit: rejected if it would cross on arrival, otherwise rests (LIMIT_MAKER).</summary>
    PostOnly = 3,

    /// <summary>Immediate-or-cancel limit: takes what crosses its price, the remainder is cancelled (LIMIT IOC).</summary>
    Ioc = 4,
}
