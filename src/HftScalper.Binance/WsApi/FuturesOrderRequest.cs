namespace HftScalper.Binance.WsApi;

/// <summary>A new futures order (<c>order.place</c> on USD-M's <c>/ws-fapi/v1</c> or COIN-M's <c>/ws-dapi/v1</c>): <see cref="WsOrderRequest"/>'s
/// fields plus the futures position fields.</summary>
public sealed record FuturesOrderRequest : WsOrderRequest
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
