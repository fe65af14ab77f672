namespace HftScalper.Binance.WsApi;

/// <summary>A new USD-M futures order (<c>order.place</c> on <c>/ws-fapi/v1</c>): <see cref="WsOrderRequest"/>'s
/// fields plus the futures position fields.</summary>
public sealed record UsdmOrderRequest : WsOrderRequest
{
    /// <summary><c>reduceOnly</c> (one-way mode only).</summary>
    public bool ReduceOnly { get; init; }

    /// <summary><c>positionSide</c>: <c>BOTH</c> (one-way), <c>LONG</c> or <c>SHORT</c> (hedge mode); null: BOTH.</summary>
    public string? PositionSide { get; init; }

    internal override WsApiParams ToParams()
    {
        var p = CommonParams();
        if (ReduceOnly) p.Add("reduceOnly", "true");
        return p.Add("newClientOrderId", ClientOrderId)
            .AddOptional("positionSide", PositionSide)
            .AddOptional("selfTradePreventionMode", SelfTradePreventionMode)
            .Add("newOrderRespType", ResponseType);
    }
}
