using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.WsApi;

/// <summary>A new spot order (<c>order.place</c>), in integer ticks and lots of <see cref="Symbol"/>.</summary>
public sealed record SpotOrderRequest
{
    /// <summary>The symbol (its scales format the price and quantity).</summary>
    public required SymbolInfo Symbol { get; init; }

    /// <summary>Bid = BUY, Ask = SELL.</summary>
    public required Side Side { get; init; }

    /// <summary>Order type: <c>LIMIT</c>, <c>LIMIT_MAKER</c> (post-only), <c>MARKET</c>, ...</summary>
    public string Type { get; init; } = "LIMIT";

    /// <summary><c>GTC</c>, <c>IOC</c>, <c>FOK</c>; null for types that take none (<c>LIMIT_MAKER</c>, <c>MARKET</c>).</summary>
    public string? TimeInForce { get; init; } = "GTC";

    /// <summary>Quantity in lots.</summary>
    public required long Quantity { get; init; }

    /// <summary>Limit price in ticks; null for market orders.</summary>
    public long? Price { get; init; }

    /// <summary>Our unique client order id (<c>newClientOrderId</c>): the key that resolves an UNKNOWN outcome.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary><c>selfTradePreventionMode</c> (<c>EXPIRE_TAKER</c>, <c>EXPIRE_MAKER</c>, <c>EXPIRE_BOTH</c>, <c>NONE</c>); null: account default.</summary>
    public string? SelfTradePreventionMode { get; init; }

    /// <summary><c>newOrderRespType</c>: <c>ACK</c>, <c>RESULT</c> or <c>FULL</c>.</summary>
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
        return p.Add("newClientOrderId", ClientOrderId)
            .AddOptional("selfTradePreventionMode", SelfTradePreventionMode)
            .Add("newOrderRespType", ResponseType);
    }
}
