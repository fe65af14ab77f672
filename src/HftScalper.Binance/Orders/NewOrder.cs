using HftScalper.Binance.Rules;

namespace HftScalper.Binance.Orders;

/// <summary>
/// An order to place (spot or USD-M). Price and quantity are the exact decimal texts sent; build them from integer
/// ticks/lots with <see cref="Limit"/> / <see cref="Market"/> (which format through the symbol's <see cref="SymbolRules"/>).
/// <see cref="NewClientOrderId"/> is mandatory: it is what makes an UNKNOWN outcome resolvable by query.
/// </summary>
public sealed record NewOrder
{
    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Side.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>Type.</summary>
    public required OrderType Type { get; init; }

    /// <summary>Time in force (LIMIT orders).</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary><c>quantity</c> as decimal text.</summary>
    public required string Quantity { get; init; }

    /// <summary><c>price</c> as decimal text (limit orders).</summary>
    public string? Price { get; init; }

    /// <summary>Our order id (<c>newClientOrderId</c>), unique across restarts.</summary>
    public required string NewClientOrderId { get; init; }

    /// <summary>Self-trade prevention.</summary>
    public SelfTradePreventionMode SelfTradePrevention { get; init; }

    /// <summary>USD-M <c>reduceOnly</c> (null = not sent).</summary>
    public bool? ReduceOnly { get; init; }

    /// <summary>USD-M <c>positionSide</c> (null = not sent; BOTH in one-way mode).</summary>
    public string? PositionSide { get; init; }

    /// <summary>A limit order from integer price units and quantity units (<see cref="TimeInForce.None"/> gives a spot
    /// LIMIT_MAKER, i.e. post-only; on USD-M pass <see cref="TimeInForce.Gtx"/>).</summary>
    public static NewOrder Limit(SymbolRules rules, OrderSide side, long price, long quantity, TimeInForce tif, string clientOrderId,
        SelfTradePreventionMode stp = SelfTradePreventionMode.Unset)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new NewOrder
        {
            Symbol = rules.Symbol, Side = side, Type = tif == TimeInForce.None ? OrderType.LimitMaker : OrderType.Limit, // no time in force = spot post-only
            TimeInForce = tif, Price = rules.FormatPrice(price), Quantity = rules.FormatQuantity(quantity),
            NewClientOrderId = clientOrderId, SelfTradePrevention = stp,
        };
    }

    /// <summary>A market order from integer quantity units.</summary>
    public static NewOrder Market(SymbolRules rules, OrderSide side, long quantity, string clientOrderId,
        SelfTradePreventionMode stp = SelfTradePreventionMode.Unset)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new NewOrder
        {
            Symbol = rules.Symbol, Side = side, Type = OrderType.Market, Quantity = rules.FormatQuantity(quantity),
            NewClientOrderId = clientOrderId, SelfTradePrevention = stp,
        };
    }

    /// <summary>The parameters in Binance's documented order (symbol, side, type, timeInForce, quantity, price,
    /// newClientOrderId, ...), checked: id valid, price present for limit types.</summary>
    internal Rest.RestQuery ToQuery()
    {
        WireNames.RequireClientOrderId(NewClientOrderId, nameof(NewClientOrderId));
        if (Type != OrderType.Market && Price is null) throw new ArgumentException("A limit order needs a price.", nameof(Price));
        return new Rest.RestQuery()
            .Add("symbol", Symbol)
            .Add("side", WireNames.Of(Side))
            .Add("type", WireNames.Of(Type))
            .Add("timeInForce", WireNames.Of(TimeInForce))
            .Add("quantity", Quantity)
            .Add("price", Type == OrderType.Market ? null : Price)
            .Add("newClientOrderId", NewClientOrderId)
            .Add("reduceOnly", ReduceOnly)
            .Add("positionSide", PositionSide)
            .Add("selfTradePreventionMode", WireNames.Of(SelfTradePrevention));
    }
}
