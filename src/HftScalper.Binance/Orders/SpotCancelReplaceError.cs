namespace HftScalper.Binance.Orders;

/// <summary>The error body of a failed cancel-replace: <c>{"code":-2022,"msg":"...","data":{...}}</c>.</summary>
internal sealed class SpotCancelReplaceError
{
    /// <summary><c>code</c>.</summary>
    public int Code { get; init; }

    /// <summary><c>msg</c>.</summary>
    public string? Msg { get; init; }

    /// <summary><c>data</c>: what happened to each half.</summary>
    public SpotCancelReplaceResult? Data { get; init; }
}
