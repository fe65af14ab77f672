namespace HftScalper.Binance.Orders;

/// <summary><c>DELETE /fapi/v1/allOpenOrders</c>: <c>{"code":200,"msg":"The operation of cancel all open order is done."}</c>
/// (the reply carries no order list: count the open orders before, or read the <c>CANCELED</c> user data reports).</summary>
public sealed class FuturesCancelAllResult
{
    /// <summary><c>code</c>: 200 when done.</summary>
    public int Code { get; init; }

    /// <summary><c>msg</c>.</summary>
    public string? Msg { get; init; }
}
