using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.WsApi;

/// <summary>
/// What every new order (<c>order.place</c>) carries on spot and USD-M alike, in integer ticks and lots of
/// <see cref="Symbol"/>; <see cref="SpotOrderRequest"/> and <see cref="FuturesOrderRequest"/> add their market's fields.
/// </summary>
public abstract record WsOrderRequest
{
    /// <summary>The symbol (its scales format the price and quantity).</summary>
    public required SymbolInfo Symbol { get; init; }

    /// <summary>Bid = BUY, Ask = SELL.</summary>
    public required Side Side { get; init; }

    /// <summary>Order type: <c>LIMIT</c>, <c>MARKET</c>, and the market's own (spot <c>LIMIT_MAKER</c>, post-only).</summary>
    public string Type { get; init; } = "LIMIT";

    /// <summary><c>GTC</c>, <c>IOC</c>, <c>FOK</c> (USD-M also <c>GTX</c>, post-only); null for types that take none
    /// (market orders, spot <c>LIMIT_MAKER</c>).</summary>
    public string? TimeInForce { get; init; } = "GTC";

    /// <summary>Quantity in lots.</summary>
    public required long Quantity { get; init; }

    /// <summary>Limit price in ticks; null for market orders.</summary>
    public long? Price { get; init; }

    /// <summary>Our unique client order id (<c>newClientOrderId</c>): the key that resolves an UNKNOWN outcome.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary><c>selfTradePreventionMode</c> (<c>EXPIRE_TAKER</c>, <c>EXPIRE_MAKER</c>, <c>EXPIRE_BOTH</c>, <c>NONE</c>); null: account default.</summary>
    public string? SelfTradePreventionMode { get; init; }

    /// <summary><c>newOrderRespType</c>: <c>ACK</c>, <c>RESULT</c> (spot also <c>FULL</c>).</summary>
    public string ResponseType { get; init; } = "RESULT";

    /// <summary>Stopwatch timestamp of the market-data frame behind the order (0 = none): not sent; the client records
    /// tick-to-order when the request is written (<see cref="WsApiClient.TickToOrder"/>).</summary>
    public long IngressTicks { get; init; }

    /// <summary>The request's parameters in the order they are signed and sent.</summary>
    internal abstract WsApiParams ToParams();

    /// <summary>symbol, side, type, timeInForce, quantity and price: the parameters both markets send first.</summary>
    private protected WsApiParams CommonParams()
    {
        var p = new WsApiParams()
            .Add("symbol", Symbol.Name)
            .Add("side", OrderParams.SideText(Side))
            .Add("type", Type)
            .AddOptional("timeInForce", TimeInForce)
            .Add("quantity", OrderParams.Quantity(Symbol, Quantity));
        if (Price is { } price) p.Add("price", OrderParams.Price(Symbol, price));
        return p;
    }
}
