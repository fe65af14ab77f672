using System.Text.Json;
using HftScalper.Binance.Rest;

namespace HftScalper.Binance.Orders;

/// <summary>
/// Spot order entry and account queries over signed REST (<c>/api/v3</c>): place, cancel, query, open orders,
/// account, my trades, cancel-replace. Every call returns a <see cref="RestResult{T}"/>; an
/// <see cref="RestOutcome.Unknown"/> order is never re-sent here — query it by its <c>newClientOrderId</c>.
/// Weights are Binance's documented ones at the time of writing.
/// </summary>
internal sealed class SpotOrderClient
{
    private static readonly BinanceJsonContext Json = BinanceJsonContext.Default;
    private readonly BinanceRestClient _rest;

    /// <summary>Creates the client over a spot <see cref="BinanceRestClient"/>.</summary>
    public SpotOrderClient(BinanceRestClient rest) => _rest = rest ?? throw new ArgumentNullException(nameof(rest));

    /// <summary>The transport (time sync, limits, counters).</summary>
    public BinanceRestClient Rest => _rest;

    /// <summary><c>POST /api/v3/order</c> (weight 1, one order) with <c>newOrderRespType=RESULT</c> (or FULL for fills).</summary>
    /// <exception cref="ArgumentException">The order has no valid <c>newClientOrderId</c> or a limit order has no price.</exception>
    public Task<RestResult<SpotOrder>> PlaceAsync(NewOrder order, CancellationToken ct, bool fullResponse = false)
    {
        ArgumentNullException.ThrowIfNull(order);
        var q = order.ToQuery().Add("newOrderRespType", fullResponse ? "FULL" : "RESULT");
        return _rest.SendAsync(HttpMethod.Post, "/api/v3/order", q, RestSecurity.Signed, 1, 1, Json.SpotOrder, ct);
    }

    /// <summary><c>DELETE /api/v3/order</c> by our id (weight 1).</summary>
    public Task<RestResult<SpotOrder>> CancelAsync(string symbol, string origClientOrderId, CancellationToken ct, string? newClientOrderId = null)
    {
        var q = new RestQuery().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId).Add("newClientOrderId", newClientOrderId);
        return _rest.SendAsync(HttpMethod.Delete, "/api/v3/order", q, RestSecurity.Signed, 1, 0, Json.SpotOrder, ct);
    }

    /// <summary><c>GET /api/v3/order</c> by our id (weight 4): how an UNKNOWN outcome is resolved.</summary>
    public Task<RestResult<SpotOrder>> QueryAsync(string symbol, string origClientOrderId, CancellationToken ct)
    {
        var q = new RestQuery().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId);
        return _rest.SendAsync(HttpMethod.Get, "/api/v3/order", q, RestSecurity.Signed, 4, 0, Json.SpotOrder, ct);
    }

    /// <summary><c>GET /api/v3/openOrders</c> (weight 6 for one symbol, 80 for all).</summary>
    public Task<RestResult<SpotOrder[]>> OpenOrdersAsync(string? symbol, CancellationToken ct)
    {
        var q = new RestQuery().Add("symbol", symbol);
        return _rest.SendAsync(HttpMethod.Get, "/api/v3/openOrders", q, RestSecurity.Signed, symbol is null ? 80 : 6, 0, Json.SpotOrderArray, ct);
    }

    /// <summary><c>GET /api/v3/account</c> with <c>omitZeroBalances=true</c> (weight 20).</summary>
    public Task<RestResult<SpotAccount>> AccountAsync(CancellationToken ct)
    {
        var q = new RestQuery().Add("omitZeroBalances", "true");
        return _rest.SendAsync(HttpMethod.Get, "/api/v3/account", q, RestSecurity.Signed, 20, 0, Json.SpotAccount, ct);
    }

    /// <summary><c>GET /api/v3/myTrades</c> (weight 20; 5 with an order id).</summary>
    public Task<RestResult<SpotTrade[]>> MyTradesAsync(string symbol, CancellationToken ct, long? orderId = null, long? fromId = null, int? limit = null)
    {
        var q = new RestQuery().Add("symbol", symbol).Add("orderId", orderId).Add("fromId", fromId).Add("limit", limit);
        return _rest.SendAsync(HttpMethod.Get, "/api/v3/myTrades", q, RestSecurity.Signed, orderId is null ? 20 : 5, 0, Json.SpotTradeArray, ct);
    }

    /// <summary>
    /// <c>POST /api/v3/order/cancelReplace</c> (weight 1, one order): cancels <paramref name="cancelOrigClientOrderId"/>
    /// and places <paramref name="replacement"/>. On a (partial) failure the result is Rejected with Binance's
    /// code and msg and, when given, the <c>data</c> saying what happened to each half in <see cref="RestResult{T}.Value"/>.
    /// </summary>
    /// <param name="replacement">The new order (its own <c>newClientOrderId</c>).</param>
    /// <param name="cancelOrigClientOrderId">Our id of the order to cancel.</param>
    /// <param name="allowFailure">ALLOW_FAILURE (place even if the cancel fails) instead of STOP_ON_FAILURE.</param>
    /// <param name="ct">Cancels.</param>
    public async Task<RestResult<SpotCancelReplaceResult>> CancelReplaceAsync(NewOrder replacement, string cancelOrigClientOrderId, bool allowFailure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var q = replacement.ToQuery()
            .Add("cancelReplaceMode", allowFailure ? "ALLOW_FAILURE" : "STOP_ON_FAILURE")
            .Add("cancelOrigClientOrderId", cancelOrigClientOrderId)
            .Add("newOrderRespType", "RESULT");
        var raw = await _rest.SendRawAsync(HttpMethod.Post, "/api/v3/order/cancelReplace", q, RestSecurity.Signed, 1, 1, ct).ConfigureAwait(false);
        if (raw.Value is not { } body) return raw.As<SpotCancelReplaceResult>();
        try
        {
            if (raw.IsOk)
            {
                var ok = JsonSerializer.Deserialize(body, Json.SpotCancelReplaceResult);
                return ok is null ? raw.As<SpotCancelReplaceResult>() with { Outcome = RestOutcome.Unknown } : new(RestOutcome.Ok, ok, raw.HttpStatus, 0, null);
            }
            var error = JsonSerializer.Deserialize(body, Json.SpotCancelReplaceError);
            return new(raw.Outcome, error?.Data, raw.HttpStatus, raw.Code, raw.Message);
        }
        catch (JsonException)
        {
            return raw.IsOk ? new(RestOutcome.Unknown, null, raw.HttpStatus, 0, "unreadable success body") : raw.As<SpotCancelReplaceResult>();
        }
    }
}
