using System.Text.Json.Nodes;
using HftScalper.FakeExchange.Orders;
using static HftScalper.Binance.IntegrationTests.Orders.OrderFakes;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>Each injectable fault of the fake's order side is observable by a raw client.</summary>
public sealed class OrderFaultTests
{
    private static string Order(decimal price, string clientId) =>
        $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={S(price)}&newClientOrderId={clientId}";

    [Fact]
    public async Task Reject_answers_2010_and_places_nothing()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        fake.InjectOrderFault(OrderFault.Reject);

        var (status, body, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "r1"));

        Assert.Equal(400, status);
        Assert.Equal(-2010, body["code"]!.GetValue<int>());
        Assert.Empty(fake.WithEngine(e => e.OpenOrders));
    }

    [Fact]
    public async Task Delayed_ack_answers_after_the_delay_with_the_order_already_live()
    {
        // No stopwatch: the test checks order, not time. The order is live at the venue while its answer is still held
        // back, and the answer then comes (a long delay leaves the poll ample room on a loaded machine).
        await using var fake = await StartAsync(configure: o => o with { DelayedAck = TimeSpan.FromSeconds(5) });
        await using var c = new SignedClient(fake);
        fake.InjectOrderFault(OrderFault.DelayedAck);

        var send = c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "d1"));
        while (!send.IsCompleted && !fake.WithEngine(e => e.OpenOrders).Any(o => o.ClientOrderId == "d1")) await Task.Delay(10);

        Assert.False(send.IsCompleted, "the answer came before the order was seen live: the ack was not delayed");
        var (status, _, _) = await send;
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Lost_ack_places_the_order_but_never_answers()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        fake.InjectOrderFault(OrderFault.LostAck);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "lost1"), ct: cts.Token));

        var (_, open, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/openOrders", "symbol=BTCUSDT");
        Assert.Equal("lost1", open[0]!["clientOrderId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disconnect_mid_order_drops_the_connection_after_placing_it()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        fake.InjectOrderFault(OrderFault.Disconnect);

        await Assert.ThrowsAsync<HttpRequestException>(() => c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "dc1")));

        Assert.Equal("dc1", Assert.Single(fake.WithEngine(e => e.OpenOrders)).ClientOrderId);
    }

    [Fact]
    public async Task Backend_timeout_answers_1007_with_the_order_placed()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        fake.InjectOrderFault(OrderFault.BackendTimeout);

        var (status, body, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "t1"));

        Assert.Equal(503, status);
        Assert.Equal(-1007, body["code"]!.GetValue<int>());
        Assert.Single(fake.WithEngine(e => e.OpenOrders));
    }

    [Theory]
    [InlineData(OrderFault.TooManyRequests, 429, -1003)]
    [InlineData(OrderFault.Banned, 418, -1003)]
    [InlineData(OrderFault.TimestampOutsideRecvWindow, 400, -1021)]
    public async Task Refusing_faults_answer_binance_errors_and_place_nothing(OrderFault fault, int http, int code)
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        fake.InjectOrderFault(fault);

        var (status, body, resp) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "x1"));

        Assert.Equal(http, status);
        Assert.Equal(code, body["code"]!.GetValue<int>());
        if (http != 400) Assert.True(resp.Headers.RetryAfter?.Delta?.TotalSeconds >= 1);
        Assert.Empty(fake.WithEngine(e => e.OpenOrders));
    }

    [Fact]
    public async Task Exceeding_the_order_rate_gets_429_with_retry_after_then_a_418_ban()
    {
        await using var fake = await StartAsync(configure: o => o with { OrderLimitPer10Seconds = 2, BanAfterViolations = 1, BanDuration = TimeSpan.FromSeconds(5) });
        await using var c = new SignedClient(fake);
        var (bid, _) = BestBid(fake);
        var statuses = new List<int>();
        string? firstLimited = null;
        for (int i = 0; i < 4; i++)
        {
            var (status, body, resp) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(bid - i - 1, "rl" + i));
            statuses.Add(status);
            if (status == 429)
            {
                firstLimited ??= body["code"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.NotNull(resp.Headers.RetryAfter);
            }
        }

        Assert.Equal([200, 200, 429, 418], statuses);
        Assert.Equal("-1015", firstLimited);
        var (afterBan, _, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", "");
        Assert.Equal(418, afterBan);
    }

    [Fact]
    public async Task Exceeding_the_request_weight_gets_429_1003_with_retry_after_and_the_used_weight_header()
    {
        await using var fake = await StartAsync(configure: o => o with { WeightLimitPerMinute = 30 });
        await using var c = new SignedClient(fake);

        var (first, _, firstResp) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", ""); // weight 20
        var (second, body, secondResp) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", "");

        Assert.Equal(200, first);
        Assert.Equal("20", firstResp.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
        Assert.Equal(429, second);
        Assert.Equal(-1003, body["code"]!.GetValue<int>());
        Assert.NotNull(secondResp.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Probabilistic_faults_come_from_the_seeded_generator()
    {
        await using var fake = await StartAsync(configure: o => o with { FaultProbabilities = new Dictionary<OrderFault, double> { [OrderFault.Reject] = 1.0 } });
        await using var c = new SignedClient(fake);

        var (status, body, _) = await c.SendAsync(HttpMethod.Post, "/api/v3/order", Order(BestBid(fake).Price, "p1"));

        Assert.Equal(400, status);
        Assert.Equal(-2010, body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Duplicate_execution_reports_arrive_twice_on_the_ws_api()
    {
        await using var fake = await StartAsync();
        await using var c = await SubscribedAsync(fake);
        fake.InjectOrderFault(OrderFault.DuplicateReports);

        await PlaceWsAsync(c, BestBid(fake).Price, "dupe1");

        var events = await ReportsAsync(c, 2);
        Assert.Equal(2, events.Count);
        Assert.Equal(events[0].ToJsonString(), events[1].ToJsonString());
    }

    [Fact]
    public async Task Out_of_order_execution_reports_deliver_the_new_after_the_cancel()
    {
        await using var fake = await StartAsync();
        await using var c = await SubscribedAsync(fake);
        fake.InjectOrderFault(OrderFault.OutOfOrderReports);
        await PlaceWsAsync(c, BestBid(fake).Price - 1, "ooo1");

        await c.CallAsync("order.cancel", new Dictionary<string, object> { ["symbol"] = Symbol, ["origClientOrderId"] = "ooo1" }, sign: false);

        var reports = (await ReportsAsync(c, 2)).Select(e => e["x"]!.GetValue<string>()).ToList();
        Assert.Equal(["CANCELED", "NEW"], reports);
    }

    [Fact]
    public async Task User_stream_silence_drops_events_until_resumed_while_queries_still_see_the_order()
    {
        await using var fake = await StartAsync();
        await using var c = await SubscribedAsync(fake);
        fake.InjectOrderFault(OrderFault.UserStreamSilence);

        var placed = await PlaceWsAsync(c, BestBid(fake).Price - 1, "quiet1");
        var during = await c.DrainEventsAsync(TimeSpan.FromMilliseconds(400));
        var open = await c.CallAsync("openOrders.status", new Dictionary<string, object> { ["symbol"] = Symbol }, sign: false);
        fake.ResumeUserStream();
        await c.CallAsync("order.cancel", new Dictionary<string, object> { ["symbol"] = Symbol, ["origClientOrderId"] = "quiet1" }, sign: false);

        Assert.Equal(200, placed["status"]!.GetValue<int>());
        Assert.Empty(during);
        Assert.True(fake.UserEventsDropped > 0);
        Assert.Single(open["result"]!.AsArray());
        Assert.Equal("CANCELED", (await c.NextEventAsync("executionReport"))["x"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ws_api_lost_ack_and_disconnect_leave_the_order_on_the_exchange()
    {
        await using var fake = await StartAsync();
        await using var c = await SubscribedAsync(fake);
        fake.InjectOrderFault(OrderFault.LostAck);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PlaceWsAsync(c, BestBid(fake).Price - 1, "wslost", TimeSpan.FromMilliseconds(600)));
        fake.InjectOrderFault(OrderFault.Disconnect);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PlaceWsAsync(c, BestBid(fake).Price - 2, "wsdrop", TimeSpan.FromMilliseconds(600)));

        Assert.Equal(["wslost", "wsdrop"], fake.WithEngine(e => e.OpenOrders.Select(o => o.ClientOrderId).ToList()));
    }

    private static async Task<SignedClient> SubscribedAsync(HftScalper.FakeExchange.FakeBinanceExchange fake)
    {
        var c = new SignedClient(fake) { UseEd25519 = true };
        await c.ConnectWsApiAsync();
        await c.CallAsync("session.logon", new Dictionary<string, object>(), sign: true);
        await c.CallAsync("userDataStream.subscribe", new Dictionary<string, object>(), sign: false, timestamp: false);
        return c;
    }

    private static Task<System.Text.Json.Nodes.JsonObject> PlaceWsAsync(SignedClient c, decimal price, string clientId, TimeSpan? wait = null) =>
        c.CallAsync("order.place", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["side"] = "BUY", ["type"] = "LIMIT", ["timeInForce"] = "GTC", ["price"] = S(price), ["quantity"] = "0.01", ["newClientOrderId"] = clientId,
        }, sign: false, wait: wait);

    // The first `expected` execution reports, waited for one by one (a hang fails after 30 s; a fixed 500 ms window was
    // a false failure whenever a loaded machine delivered the second one later), then any that follow within 300 ms.
    private static async Task<List<JsonObject>> ReportsAsync(SignedClient c, int expected)
    {
        var reports = new List<JsonObject>();
        for (int i = 0; i < expected; i++) reports.Add(await c.NextEventAsync("executionReport", TimeSpan.FromSeconds(30)));
        reports.AddRange((await c.DrainEventsAsync(TimeSpan.FromMilliseconds(300))).Where(e => e["e"]!.GetValue<string>() == "executionReport"));
        return reports;
    }
}
