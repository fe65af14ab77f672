namespace HftScalper.Trading.Execution;

/// <summary>Why an order was rejected or cancelled (carried by <see cref="ExecutionReport.Reason"/>).</summary>
public enum ExecutionReason : byte
{
    /// <summary>No reason (acks and fills).</summary>
    None = 0,

    /// <summary>Cancelled because we asked.</summary>
    CancelRequested = 1,

    /// <summary>The unfilled remainder of an IOC order.</summary>
    IocRemainder = 2,

    /// <summary>The unfilled remainder of a market order (the book was too thin).</summary>
    MarketRemainder = 3,

    /// <summary>Cancelled by a replace; the replacement carries a new client order id.</summary>
    Replaced = 4,

    /// <summary>A post-only order would have crossed the book on arrival.</summary>
    PostOnlyWouldCross = 5,

    /// <summary>Quantity &lt;= 0, price &lt;= 0 on a limit order, bad side/type or unknown symbol.</summary>
    InvalidOrder = 6,

    /// <summary>No opposite liquidity (or no book) for a marketable order.</summary>
    NoLiquidity = 7,

    /// <summary>Cancel or replace of an order the venue does not know (already done, or never arrived).</summary>
    UnknownOrder = 8,

    /// <summary>The gateway's pre-allocated order or message capacity is full.</summary>
    CapacityExceeded = 9,

    /// <summary>The client order id is already in use.</summary>
    DuplicateClientOrderId = 10,

    /// <summary>The venue refused for a reason the gateway could not map (live gateways).</summary>
    VenueRejected = 11,

    /// <summary>A spot sell beyond the base asset held (no margin): Binance <c>-2010</c>, insufficient balance.</summary>
    InsufficientBalance = 12,

    /// <summary>The venue's exchangeInfo filters refuse the order (Binance spot <c>-1013</c> "Filter failure", USD-M
    /// <c>-4014</c>/<c>-4016</c>/<c>-4024</c>/<c>-1111</c>/<c>-4003</c>/<c>-4164</c>): a price off the tick or outside the
    /// PERCENT_PRICE(_BY_SIDE) band, a quantity off the step or beyond LOT_SIZE/MARKET_LOT_SIZE min/maxQty, a notional out of
    /// bounds. The paper exchange rejects such an order as the venue would (<see cref="PaperExchangeOptions.Filters"/>).</summary>
    FilterFailure = 13,
}
