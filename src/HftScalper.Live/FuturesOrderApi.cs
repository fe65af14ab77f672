using HftScalper.Binance.Orders;
using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;
using static HftScalper.Live.VenueNumbers;
using OrderType = HftScalper.Trading.Execution.OrderType;

namespace HftScalper.Live;

/// <summary>The futures markets' (USD-M and COIN-M) order requests over the WebSocket API (<see cref="FuturesTradingApi"/>) and what its
/// answers mean (see <see cref="IVenueOrderApi"/>). Post-only is LIMIT GTX; one-way position mode.</summary>
internal sealed class FuturesOrderApi(FuturesTradingApi api, VenueSymbols symbols, string? selfTradePrevention) : IVenueOrderApi
{
    public Task<WsApiResponse> PlaceAsync(VenueOrder order, CancellationToken ct) => api.PlaceOrderAsync(Request(order), ct);

    public Task<WsApiResponse> CancelAsync(string symbol, string clientOrderId, CancellationToken ct) =>
        api.CancelOrderAsync(symbol, clientOrderId: clientOrderId, ct: ct);

    public Task<WsApiResponse> StatusAsync(string symbol, string clientOrderId, CancellationToken ct) =>
        api.OrderStatusAsync(symbol, clientOrderId: clientOrderId, ct: ct);

    /// <summary><c>order.modify</c> of <paramref name="original"/>'s venue order to <paramref name="replacement"/>'s
    /// price and, in all, <paramref name="totalLots"/> (what it executed before plus the replacement's quantity).</summary>
    public Task<WsApiResponse> ModifyAsync(VenueOrder original, in OrderRequest replacement, long totalLots, CancellationToken ct)
    {
        return api.ModifyOrderAsync(symbols.Info[replacement.SymbolId], VenueOrderTerms.SideOf(replacement), totalLots, replacement.PriceTicks,
            clientOrderId: original.VenueId, ct: ct);
    }

    public QueriedOrder Read(VenueOrder order, WsApiResponse answer)
    {
        answer.TryGetResultString("status", out var status);
        answer.TryGetResultString("executedQty", out var executed);
        answer.TryGetResultString("avgPrice", out var avg);
        var sym = symbols.Info[order.Request.SymbolId];
        return new QueriedOrder(status, ParseOrZero(executed, sym.QuantityDecimals), ToTicks(avg, sym.PriceDecimals), null);
    }

    /// <summary>The venue order's limit price (ticks) and original quantity (lots) in an Ok answer.</summary>
    public (long PriceTicks, long QuantityLots) ReadTerms(VenueOrder order, WsApiResponse answer)
    {
        answer.TryGetResultString("price", out var price);
        answer.TryGetResultString("origQty", out var qty);
        var sym = symbols.Info[order.Request.SymbolId];
        return (ParseOrZero(price, sym.PriceDecimals), ParseOrZero(qty, sym.QuantityDecimals));
    }

    // USD-M error codes: -2011 cancel of an unknown order, -2013 no such order, -5022 GTX would take, -2019 margin
    // insufficient, -4116 duplicate clientOrderId, -2022 reduce-only rejected, -1013/-4003/-4164/-1111/-4014/-4016/-4024 filter failures (tick, step, notional, percent price).
    public ExecutionReason MapReject(WsApiResponse response) => response.ErrorCode switch
    {
        -2011 or -2013 => ExecutionReason.UnknownOrder,
        -5022 => ExecutionReason.PostOnlyWouldCross,
        -2019 or -2018 or -2010 => ExecutionReason.InsufficientBalance,
        -4116 => ExecutionReason.DuplicateClientOrderId,
        -1013 or -4003 or -4164 or -1111 or -4014 or -4016 or -4024 => ExecutionReason.FilterFailure,
        -2022 => ExecutionReason.InvalidOrder,
        _ => ExecutionReason.VenueRejected,
    };

    private FuturesOrderRequest Request(VenueOrder o)
    {
        var r = o.Request;
        var (type, tif) = VenueOrderTerms.Of(r.Type, postOnly: ("LIMIT", "GTX"));
        return new FuturesOrderRequest
        {
            Symbol = symbols.Info[r.SymbolId],
            Side = VenueOrderTerms.SideOf(r),
            Type = type,
            TimeInForce = tif,
            Quantity = r.QuantityLots,
            Price = VenueOrderTerms.LimitPrice(r),
            ClientOrderId = o.VenueId,
            ReduceOnly = r.ReduceOnly,
            SelfTradePreventionMode = selfTradePrevention,
            ResponseType = "RESULT",
            IngressTicks = r.IngressTicks, // tick-to-order: the frame that triggered the decision -> bytes on the socket
        };
    }
}
