using System.Text.Json.Nodes;
using static HftScalper.Binance.IntegrationTests.Orders.OrderFakes;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>USD-M on the fake: orders, positions with fees, the listenKey user stream (ORDER_TRADE_UPDATE,
/// ACCOUNT_UPDATE, listenKeyExpired), GTX post-only and the countdownCancelAll dead-man switch.</summary>
public sealed class FuturesOrderTests
{
    [Fact]
    public async Task A_market_buy_opens_a_position_reported_on_the_listen_key_stream_and_in_position_risk()
    {
        await using var fake = await StartAsync(futures: true);
        await using var c = new SignedClient(fake);
        string key = await ListenKeyAsync(c);
        await c.ConnectListenKeyAsync(key);
        var (ask, askQty) = BestAsk(fake);
        Assert.True(askQty >= 0.01m, "the seeded book has at least 0.01 at the best ask");

        var (status, order, _) = await c.SendAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=fm1");

        Assert.Equal(200, status);
        Assert.Equal("FILLED", order["status"]!.GetValue<string>());
        Assert.Equal("BOTH", order["positionSide"]!.GetValue<string>());
        Assert.Equal(ask, D(order["avgPrice"]));
        var update = await c.NextEventAsync("ORDER_TRADE_UPDATE");
        Assert.Equal(("NEW", "fm1"), (update["o"]!["x"]!.GetValue<string>(), update["o"]!["c"]!.GetValue<string>()));
        var trade = await c.NextEventAsync("ORDER_TRADE_UPDATE");
        Assert.Equal(("TRADE", "FILLED"), (trade["o"]!["x"]!.GetValue<string>(), trade["o"]!["X"]!.GetValue<string>()));
        Assert.Equal(0.01m * ask * 0.0005m, D(trade["o"]!["n"]));
        Assert.False(trade["o"]!["m"]!.GetValue<bool>());
        var account = await c.NextEventAsync("ACCOUNT_UPDATE");
        Assert.Equal("ORDER", account["a"]!["m"]!.GetValue<string>());
        Assert.Equal(0.01m, D(account["a"]!["P"]![0]!["pa"]));
        Assert.Equal(10_000m - 0.01m * ask * 0.0005m, D(account["a"]!["B"]![0]!["wb"]));

        var (_, risk, _) = await c.SendAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal(0.01m, D(risk[0]!["positionAmt"]));
        Assert.Equal(ask, D(risk[0]!["entryPrice"]));
        var (_, acct, _) = await c.SendAsync(HttpMethod.Get, "/fapi/v2/account", "");
        Assert.Equal(10_000m - 0.01m * ask * 0.0005m, D(acct["totalWalletBalance"]));
    }

    [Fact]
    public async Task A_gtx_order_that_would_cross_is_rejected_with_5022()
    {
        await using var fake = await StartAsync(futures: true);
        await using var c = new SignedClient(fake);

        var (status, body, _) = await c.SendAsync(HttpMethod.Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.01&price={S(BestAsk(fake).Price)}");

        Assert.Equal(400, status);
        Assert.Equal(-5022, body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_resting_order_is_modified_then_cancelled_by_the_countdown_when_the_heartbeat_stops()
    {
        await using var fake = await StartAsync(futures: true);
        await using var c = new SignedClient(fake);
        string key = await ListenKeyAsync(c);
        await c.ConnectListenKeyAsync(key);
        var (bid, _) = BestBid(fake);
        await c.SendAsync(HttpMethod.Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.01&price={S(bid - 2)}&newClientOrderId=dm1");

        var (_, modified, _) = await c.SendAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=BTCUSDT&origClientOrderId=dm1&side=BUY&quantity=0.02&price={S(bid - 1)}");
        var (status, countdown, _) = await c.SendAsync(HttpMethod.Post, "/fapi/v1/countdownCancelAll", "symbol=BTCUSDT&countdownTime=300");

        Assert.Equal(bid - 1, D(modified["price"]));
        Assert.Equal(200, status);
        Assert.Equal("BTCUSDT", countdown["symbol"]!.GetValue<string>());
        Assert.Equal("300", countdown["countdownTime"]!.GetValue<string>());
        Assert.Equal("NEW", (await c.NextEventAsync("ORDER_TRADE_UPDATE"))["o"]!["x"]!.GetValue<string>());
        Assert.Equal("AMENDMENT", (await c.NextEventAsync("ORDER_TRADE_UPDATE"))["o"]!["x"]!.GetValue<string>());
        var cancelled = await c.NextEventAsync("ORDER_TRADE_UPDATE", TimeSpan.FromSeconds(5));
        Assert.Equal(("CANCELED", "dm1"), (cancelled["o"]!["X"]!.GetValue<string>(), cancelled["o"]!["c"]!.GetValue<string>()));
        var (_, open, _) = await c.SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Empty(open.AsArray());
    }

    [Fact]
    public async Task Listen_keys_are_kept_alive_by_put_and_expire_with_listenKeyExpired()
    {
        await using var fake = await StartAsync(futures: true);
        await using var c = new SignedClient(fake);
        string key = await ListenKeyAsync(c);
        await c.ConnectListenKeyAsync(key);

        using var put = await c.SendRawAsync(HttpMethod.Put, "/fapi/v1/listenKey", SignedClient.HmacKey);
        Assert.Equal(200, (int)put.StatusCode);
        Assert.Equal(key, await ListenKeyAsync(c)); // POST while one is active returns the same key
        fake.ExpireListenKeys();

        var expired = await c.NextEventAsync("listenKeyExpired");
        Assert.Equal(key, expired["listenKey"]!.GetValue<string>());
        using var putAfter = await c.SendRawAsync(HttpMethod.Put, "/fapi/v1/listenKey", SignedClient.HmacKey);
        Assert.Equal(400, (int)putAfter.StatusCode);
        Assert.Contains("-1125", await putAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_futures_ws_api_places_and_modifies_orders_with_per_request_signatures()
    {
        await using var fake = await StartAsync(futures: true);
        await using var c = new SignedClient(fake);
        await c.ConnectWsApiAsync();
        var (bid, _) = BestBid(fake);

        var place = await c.CallAsync("order.place", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["side"] = "BUY", ["type"] = "LIMIT", ["timeInForce"] = "GTC", ["price"] = S(bid - 3), ["quantity"] = "0.01", ["newClientOrderId"] = "fw1",
        }, sign: true);
        var modify = await c.CallAsync("order.modify", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["origClientOrderId"] = "fw1", ["side"] = "BUY", ["price"] = S(bid - 4), ["quantity"] = "0.02",
        }, sign: true);

        Assert.Equal(200, place["status"]!.GetValue<int>());
        Assert.Equal("NEW", place["result"]!["status"]!.GetValue<string>());
        Assert.Equal(200, modify["status"]!.GetValue<int>());
        Assert.Equal(0.02m, D(modify["result"]!["origQty"]));
        Assert.Equal(bid - 4, D(modify["result"]!["price"]));
    }

    private static async Task<string> ListenKeyAsync(SignedClient c)
    {
        using var resp = await c.SendRawAsync(HttpMethod.Post, "/fapi/v1/listenKey", SignedClient.HmacKey);
        return JsonNode.Parse(await resp.Content.ReadAsStringAsync())!["listenKey"]!.GetValue<string>();
    }
}
