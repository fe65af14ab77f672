namespace HftScalper.Binance.Orders;

/// <summary>
/// A USD-M order as <c>POST</c>, <c>GET</c>, <c>DELETE /fapi/v1/order</c> and <c>GET /fapi/v1/openOrders</c> return it
/// (decimal strings read exactly into <see cref="decimal"/>).
/// </summary>
public sealed class FuturesOrder
{
    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>orderId</c>.</summary>
    public long OrderId { get; init; }

    /// <summary><c>clientOrderId</c>.</summary>
    public string? ClientOrderId { get; init; }

    /// <summary><c>price</c>.</summary>
    public decimal Price { get; init; }

    /// <summary><c>avgPrice</c>.</summary>
    public decimal AvgPrice { get; init; }

    /// <summary><c>origQty</c>.</summary>
    public decimal OrigQty { get; init; }

    /// <summary><c>executedQty</c>.</summary>
    public decimal ExecutedQty { get; init; }

    /// <summary><c>cumQuote</c>.</summary>
    public decimal CumQuote { get; init; }

    /// <summary><c>status</c>: NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, EXPIRED_IN_MATCH.</summary>
    public string? Status { get; init; }

    /// <summary><c>timeInForce</c> (GTX = post-only).</summary>
    public string? TimeInForce { get; init; }

    /// <summary><c>type</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>origType</c>.</summary>
    public string? OrigType { get; init; }

    /// <summary><c>side</c>.</summary>
    public string? Side { get; init; }

    /// <summary><c>positionSide</c> (BOTH in one-way mode).</summary>
    public string? PositionSide { get; init; }

    /// <summary><c>reduceOnly</c>.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary><c>closePosition</c>.</summary>
    public bool ClosePosition { get; init; }

    /// <summary><c>selfTradePreventionMode</c>.</summary>
    public string? SelfTradePreventionMode { get; init; }

    /// <summary><c>time</c> (queries; Unix ms).</summary>
    public long Time { get; init; }

    /// <summary><c>updateTime</c> (Unix ms).</summary>
    public long UpdateTime { get; init; }
}
