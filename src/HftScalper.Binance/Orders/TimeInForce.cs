namespace HftScalper.Binance.Orders;

/// <summary><c>timeInForce</c>.</summary>
public enum TimeInForce : byte
{
    /// <summary>Not sent (market and LIMIT_MAKER orders).</summary>
    None = 0,

    /// <summary>GTC: good till cancelled.</summary>
    Gtc,

    /// <summary>IOC: immediate or cancel.</summary>
    Ioc,

    /// <summary>FOK: fill or kill.</summary>
    Fok,

    /// <summary>GTX: USD-M post-only.</summary>
    Gtx,
}
