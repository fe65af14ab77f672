using HftScalper.Trading.Execution;
using CoreSide = HftScalper.Core.Events.Side;

namespace HftScalper.Live;

/// <summary>An engine order in Binance's order terms, the same on spot and USD-M but for post-only.</summary>
internal static class VenueOrderTerms
{
    /// <summary>Binance's <c>type</c> and <c>timeInForce</c>: market, IOC limit, GTC limit, and the market's own
    /// post-only terms (spot LIMIT_MAKER, USD-M LIMIT GTX).</summary>
    public static (string Type, string? TimeInForce) Of(OrderType type, (string Type, string? TimeInForce) postOnly) => type switch
    {
        OrderType.Market => ("MARKET", null),
        OrderType.PostOnly => postOnly,
        OrderType.Ioc => ("LIMIT", "IOC"),
        _ => ("LIMIT", "GTC"),
    };

    /// <summary>The book side of a buy (bid) or a sell (ask).</summary>
    public static CoreSide SideOf(in OrderRequest r) => r.Side == OrderSide.Buy ? CoreSide.Bid : CoreSide.Ask;

    /// <summary>The limit price in ticks; none for a market order.</summary>
    public static long? LimitPrice(in OrderRequest r) => r.Type == OrderType.Market ? null : r.PriceTicks;
}
