namespace HftScalper.FakeExchange.Orders;

/// <summary>An order on the fake exchange (spot or USD-M) and its matching state.</summary>
public sealed class FakeOrder
{
    /// <summary>Exchange order id.</summary>
    public long OrderId { get; init; }

    /// <summary>Upper-case symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Client order id (<c>newClientOrderId</c>, generated when absent).</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>BUY or SELL.</summary>
    public required string Side { get; init; }

    /// <summary>LIMIT, LIMIT_MAKER or MARKET.</summary>
    public required string Type { get; init; }

    /// <summary>GTC, IOC, FOK or GTX (empty for MARKET on spot).</summary>
    public required string TimeInForce { get; init; }

    /// <summary>Limit price (0 for MARKET).</summary>
    public decimal Price { get; set; }

    /// <summary>Ordered quantity.</summary>
    public decimal OrigQty { get; set; }

    /// <summary>Filled quantity.</summary>
    public decimal ExecutedQty { get; set; }

    /// <summary>Filled quote amount.</summary>
    public decimal CumQuote { get; set; }

    /// <summary>NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED or REJECTED.</summary>
    public string Status { get; set; } = "NEW";

    /// <summary>USD-M reduce-only.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>Creation time (ms).</summary>
    public long Time { get; init; }

    /// <summary>Last update (ms).</summary>
    public long UpdateTime { get; set; }

    /// <summary>Displayed quantity ahead of the order at its price (consumed by trades before it fills).</summary>
    public decimal QueueAhead { get; set; }

    /// <summary>The displayed size at the order's price when last looked at (to see trades as the level shrinks).</summary>
    public decimal LastSeenLevel { get; set; }

    /// <summary>Quote (spot buy) or base (spot sell) amount still locked by the order.</summary>
    public decimal Locked { get; set; }

    /// <summary>Quantity not yet filled.</summary>
    public decimal Remaining => OrigQty - ExecutedQty;

    /// <summary>Whether the order still rests in the book.</summary>
    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";

    /// <summary>Average fill price (0 before a fill).</summary>
    public decimal AvgPrice => ExecutedQty == 0 ? 0 : CumQuote / ExecutedQty;
}
