namespace HftScalper.Binance.Orders;

/// <summary>Order types the order clients send (<c>type=</c>).</summary>
public enum OrderType : byte
{
    /// <summary>LIMIT (needs price and timeInForce).</summary>
    Limit = 0,

    /// <summary>MARKET.</summary>
    Market = 1,

    /// <summary>LIMIT_MAKER: spot post-only (rejected if it would take). On USD-M use LIMIT with GTX.</summary>
    LimitMaker = 2,
}
