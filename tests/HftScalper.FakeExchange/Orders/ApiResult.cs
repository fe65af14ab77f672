namespace HftScalper.FakeExchange.Orders;

/// <summary>The outcome of an API call: a JSON result or a Binance error, and the order it placed (for faults).</summary>
public readonly record struct ApiResult(string? Json, ApiError? Error, long PlacedOrderId = 0)
{
    /// <summary>A success.</summary>
    public static ApiResult Ok(string json, long placed = 0) => new(json, null, placed);

    /// <summary>A failure.</summary>
    public static implicit operator ApiResult(ApiError error) => new(null, error);
}
