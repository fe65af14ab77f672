namespace HftScalper.Binance.WsApi;

/// <summary>
/// Spot order entry and account queries on a <see cref="WsApiClient"/> (endpoint <c>/ws-api/v3</c>). Every method
/// returns the request's <see cref="WsApiResponse"/>: read <see cref="WsApiResponse.Outcome"/> first; an Unknown
/// outcome of an order method is resolved by <see cref="OpenOrdersAsync"/>/the user data stream, never by resending.
/// </summary>
public sealed class SpotTradingApi(WsApiClient client)
{
    private readonly WsApiClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The connection.</summary>
    public WsApiClient Client => _client;

    /// <summary><c>order.place</c>.</summary>
    public Task<WsApiResponse> PlaceOrderAsync(SpotOrderRequest order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _client.SendAsync("order.place", order.ToParams(), WsApiSecurity.Signed, ct, order.IngressTicks);
    }

    /// <summary><c>order.cancel</c> by exchange id or by our client order id.</summary>
    public Task<WsApiResponse> CancelOrderAsync(string symbol, long? orderId = null, string? clientOrderId = null,
        string? newClientOrderId = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var p = new WsApiParams().Add("symbol", symbol).AddOrderRef(orderId, clientOrderId)
            .AddOptional("newClientOrderId", newClientOrderId);
        return _client.SendAsync("order.cancel", p, WsApiSecurity.Signed, ct);
    }

    /// <summary>
    /// <c>order.cancelReplace</c>: cancel an order and place <paramref name="replacement"/> in one request.
    /// <paramref name="allowFailure"/> false = <c>STOP_ON_FAILURE</c> (no new order if the cancel fails).
    /// A 409 answer means one half failed: the error's <c>data</c> says which (see <see cref="WsApiResponse.ErrorMessage"/>).
    /// </summary>
    public Task<WsApiResponse> CancelReplaceAsync(SpotOrderRequest replacement, long? cancelOrderId = null,
        string? cancelClientOrderId = null, bool allowFailure = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var p = replacement.ToParams()
            .Add("cancelReplaceMode", allowFailure ? "ALLOW_FAILURE" : "STOP_ON_FAILURE")
            .AddOrderRef(cancelOrderId, cancelClientOrderId, "cancelOrderId", "cancelOrigClientOrderId");
        return _client.SendAsync("order.cancelReplace", p, WsApiSecurity.Signed, ct);
    }

    /// <summary><c>openOrders.status</c>: open orders of one symbol (null: all symbols, weight 80).</summary>
    public Task<WsApiResponse> OpenOrdersAsync(string? symbol = null, CancellationToken ct = default) =>
        _client.SendAsync("openOrders.status", new WsApiParams().AddOptional("symbol", symbol), WsApiSecurity.Signed, ct);

    /// <summary><c>account.status</c>: balances (zero balances omitted by default) and permissions.</summary>
    public Task<WsApiResponse> AccountStatusAsync(bool omitZeroBalances = true, CancellationToken ct = default) =>
        _client.SendAsync("account.status", new WsApiParams().Add("omitZeroBalances", omitZeroBalances ? "true" : "false"),
            WsApiSecurity.Signed, ct);
}
