using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;
using static HftScalper.Live.VenueNumbers;

namespace HftScalper.Live;

/// <summary>The spot market's order requests over the WebSocket API (<see cref="SpotTradingApi"/>) and what its
/// answers mean (see <see cref="IVenueOrderApi"/>). Post-only is LIMIT_MAKER.</summary>
internal sealed class SpotOrderApi(SpotTradingApi api, VenueSymbols symbols) : IVenueOrderApi
{
    public Task<WsApiResponse> PlaceAsync(VenueOrder order, CancellationToken ct) => api.PlaceOrderAsync(Request(order), ct);

    public Task<WsApiResponse> CancelAsync(string symbol, string clientOrderId, CancellationToken ct) =>
        api.CancelOrderAsync(symbol, clientOrderId: clientOrderId, ct: ct);

    public Task<WsApiResponse> StatusAsync(string symbol, string clientOrderId, CancellationToken ct) =>
        api.Client.SendAsync("order.status", new WsApiParams().Add("symbol", symbol).Add("origClientOrderId", clientOrderId),
            WsApiSecurity.Signed, ct);

    /// <summary><c>order.cancelReplace</c> (STOP_ON_FAILURE) of <paramref name="original"/> by
    /// <paramref name="replacement"/>.</summary>
    public Task<WsApiResponse> CancelReplaceAsync(VenueOrder original, VenueOrder replacement, CancellationToken ct) =>
        api.CancelReplaceAsync(Request(replacement), cancelClientOrderId: original.VenueId, ct: ct);

    public QueriedOrder Read(VenueOrder order, WsApiResponse answer)
    {
        answer.TryGetResultString("status", out var status);
        answer.TryGetResultString("executedQty", out var executed);
        answer.TryGetResultString("cummulativeQuoteQty", out var quote);
        var sym = symbols.Info[order.Request.SymbolId];
        return new QueriedOrder(status, ParseOrZero(executed, sym.QuantityDecimals), 0,
            ParseOrZero(quote, sym.PriceDecimals + sym.QuantityDecimals));
    }

    public ExecutionReason MapReject(WsApiResponse response)
    {
        string msg = response.ErrorMessage ?? "";
        return response.ErrorCode switch
        {
            -2011 or -2013 => ExecutionReason.UnknownOrder,
            -1013 => ExecutionReason.FilterFailure,
            -2010 when msg.Contains("immediately match", StringComparison.OrdinalIgnoreCase) => ExecutionReason.PostOnlyWouldCross,
            -2010 when msg.Contains("insufficient balance", StringComparison.OrdinalIgnoreCase) => ExecutionReason.InsufficientBalance,
            -2010 when msg.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => ExecutionReason.DuplicateClientOrderId,
            _ => ExecutionReason.VenueRejected,
        };
    }

    private SpotOrderRequest Request(VenueOrder o)
    {
        var r = o.Request;
        var (type, tif) = VenueOrderTerms.Of(r.Type, postOnly: ("LIMIT_MAKER", null));
        return new SpotOrderRequest
        {
            Symbol = symbols.Info[r.SymbolId],
            Side = VenueOrderTerms.SideOf(r),
            Type = type,
            TimeInForce = tif,
            Quantity = r.QuantityLots,
            Price = VenueOrderTerms.LimitPrice(r),
            ClientOrderId = o.VenueId,
            ResponseType = "RESULT",
            IngressTicks = r.IngressTicks,
        };
    }
}
