namespace HftScalper.Binance.Orders;

/// <summary><c>POST /fapi/v1/countdownCancelAll</c>: <c>{"symbol":"BTCUSDT","countdownTime":"100000"}</c>.</summary>
public sealed class CountdownCancelAllResult
{
    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>countdownTime</c> in ms (a string on the wire).</summary>
    public long CountdownTime { get; init; }
}
