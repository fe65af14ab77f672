using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.WsApi;

/// <summary>A new USD-M futures order (<c>order.place</c> on <c>/ws-fapi/v1</c>), in integer ticks and lots.</summary>
public sealed record UsdmOrderRequest
{
    /// <summary>The symbol (its scales format the price and quantity).</summary>
    public required SymbolInfo Symbol { get; init; }

    /// <summary>Bid = BUY, Ask = SELL.</summary>
    public required Side Side { get; init; }

    /// <summary>Order type: <c>LIMIT</c>, <c>MARKET</c>, ...</summary>
    public string Type { get; init; } = "LIMIT";

    /// <summary><c>GTC</c>, <c>IOC</c>, <c>FOK</c>, <c>GTX</c> (post-only); null for market orders.</summary>
    public string? TimeInForce { get; init; } = "GTC";

    /// <summary>Quantity in lots.</summary>
    public required long Quantity { get; init; }

    /// <summary>Limit price in ticks; null for market orders.</summary>
    public long? Price { get; init; }

    /// <summary>Our unique client order id (<c>newClientOrderId</c>).</summary>
    public required string ClientOrderId { get; init; }

    /// <summary><c>reduceOnly</c> (one-way mode only).</summary>
    public bool ReduceOnly { get; init; }

    /// <summary><c>positionSide</c>: <c>BOTH</c> (one-way), <c>LONG</c> or <c>SHORT</c> (hedge mode); null: BOTH.</summary>
    public string? PositionSide { get; init; }

    /// <summary><c>selfTradePreventionMode</c>; null: account default.</summary>
    public string? SelfTradePreventionMode { get; init; }

    /// <summary><c>newOrderRespType</c>: <c>ACK</c> or <c>RESULT</c>.</summary>
    public string ResponseType { get; init; } = "RESULT";

    /// <summary>Stopwatch timestamp of the market-data frame behind the order (0 = none): not sent; the client records
    /// tick-to-order when the request is written (<see cref="WsApiClient.TickToOrder"/>).</summary>
    public long IngressTicks { get; init; }

    internal WsApiParams ToParams()
    {
        var p = new WsApiParams()
            .Add("symbol", Symbol.Name)
            .Add("side", OrderParams.SideText(Side))
            .Add("type", Type)
            .AddOptional("timeInForce", TimeInForce)
            .Add("quantity", OrderParams.Quantity(Symbol, Quantity));
        if (Price is { } price) p.Add("price", OrderParams.Price(Symbol, price));
        if (ReduceOnly) p.Add("reduceOnly", "true");
        return p.Add("newClientOrderId", ClientOrderId)
            .AddOptional("positionSide", PositionSide)
            .AddOptional("selfTradePreventionMode", SelfTradePreventionMode)
            .Add("newOrderRespType", ResponseType);
    }
}
