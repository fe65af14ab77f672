using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.WsApi;

/// <summary>
/// USD-M and COIN-M futures order entry and account/position queries on a <see cref="WsApiClient"/> (endpoint
/// <c>/ws-fapi/v1</c>, COIN-M <c>/ws-dapi/v1</c>; user data comes from the listenKey stream, so create the client with
/// <see cref="WsApiClientOptions.SubscribeUserData"/> false). Outcomes as in <see cref="SpotTradingApi"/>.
/// </summary>
public sealed class FuturesTradingApi(WsApiClient client)
{
    private readonly WsApiClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The connection.</summary>
    public WsApiClient Client => _client;

    /// <summary><c>order.place</c>.</summary>
    public Task<WsApiResponse> PlaceOrderAsync(FuturesOrderRequest order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _client.SendAsync("order.place", order.ToParams(), WsApiSecurity.Signed, ct, order.IngressTicks);
    }

    /// <summary><c>order.cancel</c> by exchange id or by our client order id.</summary>
    public Task<WsApiResponse> CancelOrderAsync(string symbol, long? orderId = null, string? clientOrderId = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var p = new WsApiParams().Add("symbol", symbol).AddOrderRef(orderId, clientOrderId);
        return _client.SendAsync("order.cancel", p, WsApiSecurity.Signed, ct);
    }

    /// <summary><c>order.modify</c>: new price and quantity for a LIMIT order (keeps its id; loses queue priority when the price changes).</summary>
    public Task<WsApiResponse> ModifyOrderAsync(SymbolInfo symbol, Side side, long quantity, long price,
        long? orderId = null, string? clientOrderId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var p = new WsApiParams().Add("symbol", symbol.Name).AddOrderRef(orderId, clientOrderId)
            .Add("side", OrderParams.SideText(side))
            .Add("quantity", OrderParams.Quantity(symbol, quantity))
            .Add("price", OrderParams.Price(symbol, price));
        return _client.SendAsync("order.modify", p, WsApiSecurity.Signed, ct);
    }

    /// <summary><c>order.status</c>: one order, by exchange id or client order id (resolves an UNKNOWN outcome).</summary>
    public Task<WsApiResponse> OrderStatusAsync(string symbol, long? orderId = null, string? clientOrderId = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var p = new WsApiParams().Add("symbol", symbol).AddOrderRef(orderId, clientOrderId);
        return _client.SendAsync("order.status", p, WsApiSecurity.Signed, ct);
    }

    /// <summary><c>v2/account.position</c>: position risk of one symbol (null: all).</summary>
    public Task<WsApiResponse> PositionsAsync(string? symbol = null, CancellationToken ct = default) =>
        _client.SendAsync("v2/account.position", new WsApiParams().AddOptional("symbol", symbol), WsApiSecurity.Signed, ct);

    /// <summary><c>v2/account.status</c>: margins, balances and positions.</summary>
    public Task<WsApiResponse> AccountStatusAsync(CancellationToken ct = default) =>
        _client.SendAsync("v2/account.status", new WsApiParams(), WsApiSecurity.Signed, ct);

    /// <summary><c>v2/account.balance</c>: balances per asset.</summary>
    public Task<WsApiResponse> BalancesAsync(CancellationToken ct = default) =>
        _client.SendAsync("v2/account.balance", new WsApiParams(), WsApiSecurity.Signed, ct);
}
