namespace HftScalper.Binance.Orders;

/// <summary>
/// <c>POST /api/v3/order/cancelReplace</c>: on success the body; on failure (400 <c>-2022</c>, 409 <c>-2021</c>)
/// Binance's <c>data</c> object. Each half is an order or an error (<see cref="SpotOrder.Code"/>/<see cref="SpotOrder.Msg"/>).
/// </summary>
internal sealed class SpotCancelReplaceResult
{
    /// <summary><c>cancelResult</c>: SUCCESS, FAILURE or NOT_ATTEMPTED.</summary>
    public string? CancelResult { get; init; }

    /// <summary><c>newOrderResult</c>: SUCCESS, FAILURE or NOT_ATTEMPTED.</summary>
    public string? NewOrderResult { get; init; }

    /// <summary><c>cancelResponse</c>.</summary>
    public SpotOrder? CancelResponse { get; init; }

    /// <summary><c>newOrderResponse</c>.</summary>
    public SpotOrder? NewOrderResponse { get; init; }
}
