using System.Text.Json.Nodes;
using static HftScalper.Binance.IntegrationTests.Orders.OrderFakes;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>Spot orders on the fake exchange over REST and the WebSocket API, replies and events pinned to
/// Binance's documented shapes (strings for prices and quantities, numbers for ids and times).</summary>
public sealed class SpotOrderLifecycleTests
{
    [Fact]
    public async Task Rest_limit_order_waits_behind_the_displayed_queue_fills_partially_then_fully_with_fees_in_the_balances()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        var (bid, bidQty) = BestBid(fake);

        var (status, body, resp) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={S(bid)}&newClientOrderId=life1");

        Assert.Equal(200, status);
        Assert.Equal("NEW", body["status"]!.GetValue<string>());
        Assert.Equal("life1", body["clientOrderId"]!.GetValue<string>());
        Assert.Equal(-1, body["orderListId"]!.GetValue<int>());
        Assert.Equal(0.01m, D(body["origQty"]));
        Assert.Empty(body["fills"]!.AsArray());
        long orderId = body["orderId"]!.GetValue<long>();
        Assert.Equal("1", resp.Headers.GetValues("X-MBX-ORDER-COUNT-10S").Single());
        Assert.True(int.Parse(resp.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        fake.SimulateTrade(Symbol, bid, bidQty); // only the queue ahead trades
        var (_, afterQueue, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/order", $"symbol=BTCUSDT&orderId={orderId}");
        Assert.Equal("NEW", afterQueue["status"]!.GetValue<string>());

        fake.SimulateTrade(Symbol, bid, 0.004m);
        var (_, partial, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/order", $"symbol=BTCUSDT&origClientOrderId=life1");
        Assert.Equal("PARTIALLY_FILLED", partial["status"]!.GetValue<string>());
        Assert.Equal("0.00400000", partial["executedQty"]!.GetValue<string>());

        fake.SimulateTrade(Symbol, bid, 1m);
        var (_, filled, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/order", $"symbol=BTCUSDT&orderId={orderId}");
        Assert.Equal("FILLED", filled["status"]!.GetValue<string>());
        Assert.Equal(0.01m * bid, D(filled["cummulativeQuoteQty"]));

        var (_, trades, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/myTrades", "symbol=BTCUSDT");
        Assert.Equal(2, trades.AsArray().Count);
        Assert.All(trades.AsArray(), t => Assert.True(t!["isMaker"]!.GetValue<bool>()));
        Assert.Equal("BTC", trades[0]!["commissionAsset"]!.GetValue<string>());
        Assert.Equal(0.004m * 0.001m, D(trades[0]!["commission"]));

        var (_, account, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", "");
        var balances = account["balances"]!.AsArray().ToDictionary(b => b!["asset"]!.GetValue<string>(), b => (Free: D(b!["free"]), Locked: D(b["locked"])));
        Assert.Equal(1m + 0.01m - 0.01m * 0.001m, balances["BTC"].Free);
        Assert.Equal(100_000m - 0.01m * bid, balances["USDT"].Free);
        Assert.Equal(0m, balances["USDT"].Locked);
        Assert.Equal("0.00100000", account["commissionRates"]!["maker"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rest_cancel_unlocks_funds_and_a_second_cancel_or_an_unknown_query_gets_binance_errors()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        var (bid, _) = BestBid(fake);
        var (_, placed, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={S(bid - 1)}&newClientOrderId=c1");
        var (_, open, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/openOrders", "symbol=BTCUSDT");
        Assert.Single(open.AsArray());

        var (status, cancel, _) = await c.SendAsync(HttpMethod.Delete, "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=c1");

        Assert.Equal(200, status);
        Assert.Equal("CANCELED", cancel["status"]!.GetValue<string>());
        Assert.Equal("c1", cancel["origClientOrderId"]!.GetValue<string>());
        Assert.Equal(placed["orderId"]!.GetValue<long>(), cancel["orderId"]!.GetValue<long>());
        var (again, error, _) = await c.SendAsync(HttpMethod.Delete, "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=c1");
        Assert.Equal(400, again);
        Assert.Equal(-2011, error["code"]!.GetValue<int>());
        Assert.Equal("Unknown order sent.", error["msg"]!.GetValue<string>());
        var (_, unknown, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/order", "symbol=BTCUSDT&orderId=42");
        Assert.Equal(-2013, unknown["code"]!.GetValue<int>());
        Assert.Equal((100_000m, 0m), fake.WithEngine(e => e.BalanceOf("USDT")));
    }

    [Fact]
    public async Task Market_and_ioc_orders_take_the_book_and_a_crossing_limit_maker_is_rejected()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        var (ask, askQty) = BestAsk(fake);

        var (_, maker, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price={S(ask)}");
        Assert.Equal(-2010, maker["code"]!.GetValue<int>());
        Assert.Equal("Order would immediately match and take.", maker["msg"]!.GetValue<string>());

        decimal qty = askQty + 0.00001m; // one lot more than the best level: the IOC takes it and walks no further
        var (_, ioc, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity={S(qty)}&price={S(ask)}");
        Assert.Equal("EXPIRED", ioc["status"]!.GetValue<string>());
        Assert.Equal(askQty, D(ioc["executedQty"]));
        var fill = ioc["fills"]![0]!;
        Assert.Equal(ask, D(fill["price"]));
        Assert.True(fill["tradeId"]!.GetValue<long>() > 0);

        var (_, market, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newOrderRespType=RESULT");
        Assert.Equal("FILLED", market["status"]!.GetValue<string>());
        Assert.Null(market["fills"]);
    }

    [Theory]
    [InlineData("price=30000.001&quantity=0.01", "Filter failure: PRICE_FILTER")]
    [InlineData("price=29999.99&quantity=0.000001", "Filter failure: LOT_SIZE")]
    [InlineData("price=29999.99&quantity=0.0001", "Filter failure: NOTIONAL")]
    [InlineData("price=1000.00&quantity=0.01", "Filter failure: PERCENT_PRICE_BY_SIDE")]
    public async Task Orders_outside_the_exchangeInfo_filters_are_rejected_with_1013(string priceQty, string message)
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);

        var (status, body, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&{priceQty}");

        Assert.Equal(400, status);
        Assert.Equal(-1013, body["code"]!.GetValue<int>());
        Assert.Equal(message, body["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExchangeInfo_lists_the_filters_and_rate_limits_the_checks_use()
    {
        await using var fake = await StartAsync();
        using var http = new HttpClient { BaseAddress = fake.BaseUri };

        var info = JsonNode.Parse(await http.GetStringAsync("/api/v3/exchangeInfo"))!;

        var filters = info["symbols"]![0]!["filters"]!.AsArray().ToDictionary(f => f!["filterType"]!.GetValue<string>());
        Assert.Equal("0.01000000", filters["PRICE_FILTER"]!["tickSize"]!.GetValue<string>());
        Assert.Equal("0.00001000", filters["LOT_SIZE"]!["stepSize"]!.GetValue<string>());
        Assert.Equal("5.00000000", filters["NOTIONAL"]!["minNotional"]!.GetValue<string>());
        var limits = info["rateLimits"]!.AsArray();
        Assert.Contains(limits, l => l!["rateLimitType"]!.GetValue<string>() == "REQUEST_WEIGHT" && l["limit"]!.GetValue<int>() == 6000);
        Assert.Contains(limits, l => l!["rateLimitType"]!.GetValue<string>() == "ORDERS" && l["interval"]!.GetValue<string>() == "SECOND" && l["intervalNum"]!.GetValue<int>() == 10);
        Assert.True(JsonNode.Parse(await http.GetStringAsync("/api/v3/time"))!["serverTime"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task A_client_order_id_still_open_is_a_duplicate()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        var (bid, _) = BestBid(fake);
        string q = $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={S(bid - 5)}&newClientOrderId=dup1";
        Assert.Equal(200, (await c.SendAsync(HttpMethod.Post, "/api/v3/order", q)).Status);

        var (status, body, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", q);

        Assert.Equal(400, status);
        Assert.Equal(-2010, body["code"]!.GetValue<int>());
        Assert.Equal("Duplicate order sent.", body["msg"]!.GetValue<string>());
        Assert.Single(fake.WithEngine(e => e.OpenOrders));
    }

    [Fact]
    public async Task Ws_api_session_logon_then_place_partial_fill_cancel_replace_and_cancel_with_execution_reports()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake) { UseEd25519 = true };
        await c.ConnectWsApiAsync();
        var (bid, bidQty) = BestBid(fake);

        var logon = await c.CallAsync("session.logon", new Dictionary<string, object>(), sign: true);
        Assert.Equal(200, logon["status"]!.GetValue<int>());
        Assert.Equal(SignedClient.EdKey, logon["result"]!["apiKey"]!.GetValue<string>());
        var sub = await c.CallAsync("userDataStream.subscribe", new Dictionary<string, object>(), sign: false, timestamp: false);
        Assert.Equal(0, sub["result"]!["subscriptionId"]!.GetValue<int>());

        var place = await c.CallAsync("order.place", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["side"] = "BUY", ["type"] = "LIMIT", ["timeInForce"] = "GTC", ["price"] = S(bid), ["quantity"] = "0.01", ["newClientOrderId"] = "ws1",
        }, sign: false);
        Assert.Equal(200, place["status"]!.GetValue<int>());
        Assert.Equal("NEW", place["result"]!["status"]!.GetValue<string>());
        Assert.Contains(place["rateLimits"]!.AsArray(), l => l!["rateLimitType"]!.GetValue<string>() == "ORDERS" && l["count"]!.GetValue<int>() == 1);
        var created = await c.NextEventAsync("executionReport");
        Assert.Equal(("NEW", "NEW", "ws1"), (created["x"]!.GetValue<string>(), created["X"]!.GetValue<string>(), created["c"]!.GetValue<string>()));
        Assert.Equal(place["result"]!["orderId"]!.GetValue<long>(), created["i"]!.GetValue<long>());

        fake.SimulateTrade(Symbol, bid, bidQty + 0.004m);
        var trade = await c.NextEventAsync("executionReport");
        Assert.Equal(("TRADE", "PARTIALLY_FILLED"), (trade["x"]!.GetValue<string>(), trade["X"]!.GetValue<string>()));
        Assert.Equal("0.00400000", trade["l"]!.GetValue<string>());
        Assert.Equal("0.00400000", trade["z"]!.GetValue<string>());
        Assert.True(trade["m"]!.GetValue<bool>());
        Assert.Equal("BTC", trade["N"]!.GetValue<string>());
        var position = await c.NextEventAsync("outboundAccountPosition");
        Assert.Contains(position["B"]!.AsArray(), b => b!["a"]!.GetValue<string>() == "BTC");

        var replace = await c.CallAsync("order.cancelReplace", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["cancelReplaceMode"] = "STOP_ON_FAILURE", ["cancelOrigClientOrderId"] = "ws1", ["side"] = "BUY", ["type"] = "LIMIT",
            ["timeInForce"] = "GTC", ["price"] = S(bid - 1), ["quantity"] = "0.006", ["newClientOrderId"] = "ws2",
        }, sign: false);
        Assert.Equal("SUCCESS", replace["result"]!["cancelResult"]!.GetValue<string>());
        Assert.Equal("SUCCESS", replace["result"]!["newOrderResult"]!.GetValue<string>());
        Assert.Equal("CANCELED", replace["result"]!["cancelResponse"]!["status"]!.GetValue<string>());
        var canceled = await c.NextEventAsync("executionReport");
        Assert.Equal(("CANCELED", "ws1"), (canceled["x"]!.GetValue<string>(), canceled["C"]!.GetValue<string>()));
        var replaced = await c.NextEventAsync("executionReport");
        Assert.Equal(("NEW", "ws2"), (replaced["x"]!.GetValue<string>(), replaced["c"]!.GetValue<string>()));

        var open = await c.CallAsync("openOrders.status", new Dictionary<string, object> { ["symbol"] = Symbol }, sign: false);
        Assert.Equal("ws2", open["result"]![0]!["clientOrderId"]!.GetValue<string>());
        var cancel = await c.CallAsync("order.cancel", new Dictionary<string, object> { ["symbol"] = Symbol, ["origClientOrderId"] = "ws2" }, sign: false);
        Assert.Equal("CANCELED", cancel["result"]!["status"]!.GetValue<string>());
        Assert.Equal("CANCELED", (await c.NextEventAsync("executionReport"))["X"]!.GetValue<string>());
        var account = await c.CallAsync("account.status", new Dictionary<string, object>(), sign: false);
        var usdt = account["result"]!["balances"]!.AsArray().Single(b => b!["asset"]!.GetValue<string>() == "USDT")!;
        Assert.Equal(100_000m - 0.004m * bid, D(usdt["free"]));
        Assert.Equal(0m, D(usdt["locked"]));
    }

    [Fact]
    public async Task Ws_api_cancel_replace_of_an_unknown_order_fails_with_2022_and_places_nothing()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        await c.ConnectWsApiAsync();

        var reply = await c.CallAsync("order.cancelReplace", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["cancelReplaceMode"] = "STOP_ON_FAILURE", ["cancelOrderId"] = 12345, ["side"] = "BUY", ["type"] = "LIMIT",
            ["timeInForce"] = "GTC", ["price"] = "29000.00", ["quantity"] = "0.01",
        }, sign: true);

        Assert.Equal(400, reply["status"]!.GetValue<int>());
        Assert.Equal(-2022, reply["error"]!["code"]!.GetValue<int>());
        Assert.Equal("FAILURE", reply["error"]!["data"]!["cancelResult"]!.GetValue<string>());
        Assert.Equal("NOT_ATTEMPTED", reply["error"]!["data"]!["newOrderResult"]!.GetValue<string>());
        Assert.Equal(-2011, reply["error"]!["data"]!["cancelResponse"]!["code"]!.GetValue<int>());
        Assert.Empty(fake.WithEngine(e => e.OpenOrders));
    }
}
