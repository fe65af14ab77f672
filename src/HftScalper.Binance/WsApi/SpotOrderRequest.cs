namespace HftScalper.Binance.WsApi;

/// <summary>A new spot order (<c>order.place</c>); spot adds nothing to <see cref="WsOrderRequest"/>'s fields.</summary>
public sealed record SpotOrderRequest : WsOrderRequest
{
    internal override WsApiParams ToParams() =>
        CommonParams()
            .Add("newClientOrderId", ClientOrderId)
            .AddOptional("selfTradePreventionMode", SelfTradePreventionMode)
            .Add("newOrderRespType", ResponseType);
}
