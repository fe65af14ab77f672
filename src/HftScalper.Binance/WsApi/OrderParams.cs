using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.WsApi;

/// <summary>Integer prices/quantities and our enums to Binance's parameter texts.</summary>
internal static class OrderParams
{
    public static string SideText(Side side) => side switch
    {
        Side.Bid => "BUY",
        Side.Ask => "SELL",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "an order needs a side"),
    };

    public static string Price(SymbolInfo symbol, long ticks) => FixedPoint.Format(ticks, symbol.PriceDecimals);

    public static string Quantity(SymbolInfo symbol, long lots) => FixedPoint.Format(lots, symbol.QuantityDecimals);

    /// <summary>The order reference: exchange id or our client order id (exactly one is needed).</summary>
    public static WsApiParams AddOrderRef(this WsApiParams p, long? orderId, string? clientOrderId,
        string idName = "orderId", string clientIdName = "origClientOrderId")
    {
        if (orderId is null && string.IsNullOrEmpty(clientOrderId))
            throw new ArgumentException("give the exchange order id or the client order id");
        return p.AddOptional(idName, orderId).AddOptional(clientIdName, clientOrderId);
    }
}
