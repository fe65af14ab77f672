namespace HftScalper.Binance.Orders;

/// <summary>
/// A spot order as <c>POST</c> (ACK/RESULT/FULL), <c>GET</c> and <c>DELETE /api/v3/order</c>, <c>GET /api/v3/openOrders</c>
/// and the cancel-replace responses return it (the union of their fields; absent ones stay default). Decimal
/// strings are read exactly into <see cref="decimal"/>.
/// </summary>
internal sealed class SpotOrder
{
    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>orderId</c>.</summary>
    public long OrderId { get; init; }

    /// <summary><c>orderListId</c> (-1 unless part of an order list).</summary>
    public long OrderListId { get; init; }

    /// <summary><c>clientOrderId</c> (for a cancel: the id of the cancel request).</summary>
    public string? ClientOrderId { get; init; }

    /// <summary><c>origClientOrderId</c> (cancel responses: the cancelled order's id).</summary>
    public string? OrigClientOrderId { get; init; }

    /// <summary><c>transactTime</c> (Unix ms).</summary>
    public long TransactTime { get; init; }

    /// <summary><c>price</c>.</summary>
    public decimal Price { get; init; }

    /// <summary><c>origQty</c>.</summary>
    public decimal OrigQty { get; init; }

    /// <summary><c>executedQty</c>.</summary>
    public decimal ExecutedQty { get; init; }

    /// <summary><c>origQuoteOrderQty</c>.</summary>
    public decimal OrigQuoteOrderQty { get; init; }

    /// <summary><c>cummulativeQuoteQty</c> (Binance's spelling).</summary>
    public decimal CummulativeQuoteQty { get; init; }

    /// <summary><c>status</c>: NEW, PARTIALLY_FILLED, FILLED, CANCELED, PENDING_CANCEL, REJECTED, EXPIRED, EXPIRED_IN_MATCH.</summary>
    public string? Status { get; init; }

    /// <summary><c>timeInForce</c>.</summary>
    public string? TimeInForce { get; init; }

    /// <summary><c>type</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>side</c>.</summary>
    public string? Side { get; init; }

    /// <summary><c>time</c> (queries; Unix ms).</summary>
    public long Time { get; init; }

    /// <summary><c>updateTime</c> (queries; Unix ms).</summary>
    public long UpdateTime { get; init; }

    /// <summary><c>isWorking</c> (queries).</summary>
    public bool IsWorking { get; init; }

    /// <summary><c>workingTime</c> (Unix ms).</summary>
    public long WorkingTime { get; init; }

    /// <summary><c>selfTradePreventionMode</c>.</summary>
    public string? SelfTradePreventionMode { get; init; }

    /// <summary><c>fills</c> (FULL responses).</summary>
    public IReadOnlyList<SpotFill>? Fills { get; init; }

    /// <summary>Error <c>code</c> when this object is a failed half of a cancel-replace (else 0).</summary>
    public int Code { get; init; }

    /// <summary>Error <c>msg</c> when this object is a failed half of a cancel-replace.</summary>
    public string? Msg { get; init; }
}
