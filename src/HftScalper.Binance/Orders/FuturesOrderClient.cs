using System.Globalization;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Live;

namespace HftScalper.Binance.Orders;

/// <summary>
/// USD-M (<c>/fapi</c>) or COIN-M (<c>/dapi</c>) futures order entry and account queries over signed REST, by the
/// <see cref="BinanceRestClient"/>'s market: place, cancel, query, open orders, position risk, account, the
/// <c>countdownCancelAll</c> dead-man switch and leverage. The two markets take the same parameters and answer in the
/// same shapes (COIN-M quantities are whole contracts; its position risk and account are <c>/dapi/v1</c>, USD-M's
/// <c>/fapi/v2</c>). An <see cref="RestOutcome.Unknown"/> order is never re-sent here — query it by its <c>newClientOrderId</c>.
/// </summary>
public sealed class FuturesOrderClient
{
    private static readonly BinanceJsonContext Json = BinanceJsonContext.Default;
    private readonly BinanceRestClient _rest;
    private readonly string _v1;      // /fapi/v1 or /dapi/v1
    private readonly string _account; // where positionRisk and account live: /fapi/v2 or /dapi/v1
    private readonly BinanceMarket _market; // CoinMFutures, else UsdMFutures

    /// <summary>Creates the client over a COIN-M <see cref="BinanceRestClient"/> (<c>/dapi</c>) or any other (<c>/fapi</c>:
    /// USD-M, the paths it always used).</summary>
    public FuturesOrderClient(BinanceRestClient rest)
    {
        _rest = rest ?? throw new ArgumentNullException(nameof(rest));
        // COIN-M is named by its market; any other client (USD-M, and tests' spot clients) takes USD-M's paths.
        bool coinM = rest.Options.Market == BinanceMarket.CoinMFutures;
        _market = coinM ? BinanceMarket.CoinMFutures : BinanceMarket.UsdMFutures;
        _v1 = _market.RestPrefix();
        _account = coinM ? _v1 : "/fapi/v2";
    }

    /// <summary>The transport (time sync, limits, counters).</summary>
    public BinanceRestClient Rest => _rest;

    /// <summary><c>POST /fapi/v1/order</c> (weight 0 on IP, one order) with <c>newOrderRespType=RESULT</c>.</summary>
    /// <exception cref="ArgumentException">The order has no valid <c>newClientOrderId</c> or a limit order has no price.</exception>
    public Task<RestResult<FuturesOrder>> PlaceAsync(NewOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Type == OrderType.LimitMaker) throw new ArgumentException("USD-M has no LIMIT_MAKER: use LIMIT with GTX.", nameof(order));
        if (order.SelfTradePrevention == SelfTradePreventionMode.Decrement) throw new ArgumentException("USD-M has no DECREMENT STP mode.", nameof(order));
        var q = order.ToQuery().Add("newOrderRespType", "RESULT");
        return _rest.SendAsync(HttpMethod.Post, _v1 + "/order", q, RestSecurity.Signed, 0, 1, Json.FuturesOrder, ct);
    }

    /// <summary><c>DELETE /fapi/v1/order</c> by our id (weight 1).</summary>
    public Task<RestResult<FuturesOrder>> CancelAsync(string symbol, string origClientOrderId, CancellationToken ct)
    {
        var q = new RestQuery().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId);
        return _rest.SendAsync(HttpMethod.Delete, _v1 + "/order", q, RestSecurity.Signed, 1, 0, Json.FuturesOrder, ct);
    }

    /// <summary><c>GET /fapi/v1/order</c> by our id (weight 1).</summary>
    public Task<RestResult<FuturesOrder>> QueryAsync(string symbol, string origClientOrderId, CancellationToken ct)
    {
        var q = new RestQuery().Add("symbol", symbol).Add("origClientOrderId", origClientOrderId);
        return _rest.SendAsync(HttpMethod.Get, _v1 + "/order", q, RestSecurity.Signed, 1, 0, Json.FuturesOrder, ct);
    }

    /// <summary><c>GET /fapi/v1/openOrders</c> (weight 1 for one symbol, 40 for all).</summary>
    public Task<RestResult<FuturesOrder[]>> OpenOrdersAsync(string? symbol, CancellationToken ct)
    {
        var q = new RestQuery().Add("symbol", symbol);
        return _rest.SendAsync(HttpMethod.Get, _v1 + "/openOrders", q, RestSecurity.Signed, symbol is null ? 40 : 1, 0, Json.FuturesOrderArray, ct);
    }

    /// <summary><c>GET /fapi/v2/positionRisk</c> (COIN-M <c>/dapi/v1/positionRisk</c>; weight 5).</summary>
    public Task<RestResult<FuturesPosition[]>> PositionRiskAsync(string? symbol, CancellationToken ct)
    {
        var q = new RestQuery().Add("symbol", symbol);
        return _rest.SendAsync(HttpMethod.Get, _account + "/positionRisk", q, RestSecurity.Signed, 5, 0, Json.FuturesPositionArray, ct);
    }

    /// <summary><c>GET /fapi/v2/account</c> (COIN-M <c>/dapi/v1/account</c>; weight 5).</summary>
    public Task<RestResult<FuturesAccount>> AccountAsync(CancellationToken ct) =>
        _rest.SendAsync(HttpMethod.Get, _account + "/account", new RestQuery(), RestSecurity.Signed, 5, 0, Json.FuturesAccount, ct);

    /// <summary><c>POST /fapi/v1/countdownCancelAll</c> (weight 10): the exchange cancels all of
    /// <paramref name="symbol"/>'s open orders unless called again within <paramref name="countdown"/>; zero disables.</summary>
    public Task<RestResult<CountdownCancelAllResult>> CountdownCancelAllAsync(string symbol, TimeSpan countdown, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(countdown.Ticks, nameof(countdown));
        var q = new RestQuery().Add("symbol", symbol).Add("countdownTime", ((long)countdown.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        return _rest.SendAsync(HttpMethod.Post, _v1 + "/countdownCancelAll", q, RestSecurity.Signed, 10, 0, Json.CountdownCancelAllResult, ct);
    }

    /// <summary><c>DELETE /fapi/v1/allOpenOrders</c> (weight 1): cancels every open order of <paramref name="symbol"/>.</summary>
    public Task<RestResult<FuturesCancelAllResult>> CancelAllOpenOrdersAsync(string symbol, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var q = new RestQuery().Add("symbol", symbol);
        return _rest.SendAsync(HttpMethod.Delete, _v1 + "/allOpenOrders", q, RestSecurity.Signed, 1, 0, Json.FuturesCancelAllResult, ct);
    }

    /// <summary>The maintenance-margin and leverage brackets of every symbol (weight 1): COIN-M
    /// <c>GET /dapi/v2/leverageBracket</c> (per symbol; v1 answers per pair), USD-M <c>GET /fapi/v1/leverageBracket</c>.
    /// Asked without a symbol, both answer an array.</summary>
    public Task<RestResult<LeverageBrackets[]>> LeverageBracketsAsync(CancellationToken ct)
    {
        return _rest.SendAsync(HttpMethod.Get, _market.LeverageBracketPath(), new RestQuery(), RestSecurity.Signed, 1, 0, Json.LeverageBracketsArray, ct);
    }

    /// <summary><c>POST /fapi/v1/leverage</c> (weight 1).</summary>
    public Task<RestResult<LeverageResult>> SetLeverageAsync(string symbol, int leverage, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leverage, 125);
        var q = new RestQuery().Add("symbol", symbol).Add("leverage", leverage);
        return _rest.SendAsync(HttpMethod.Post, _v1 + "/leverage", q, RestSecurity.Signed, 1, 0, Json.LeverageResult, ct);
    }
}
