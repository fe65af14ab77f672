namespace HftScalper.Binance.Orders;

/// <summary><c>GET /api/v3/time</c> / <c>/fapi/v1/time</c>: <c>{"serverTime":1499827319559}</c>.</summary>
internal sealed class ServerTimeResponse
{
    /// <summary>Server clock, Unix ms.</summary>
    public long ServerTime { get; init; }
}
