using HftScalper.Binance.Auth;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rest;

namespace HftScalper.Binance.Tests.Rest;

/// <summary>How answers and failures map to outcomes, and that nothing is ever re-sent blindly.</summary>
public sealed class OutcomeTests
{
    private static NewOrder Order(string id = "sess1-42") => new()
    {
        Symbol = "BTCUSDT", Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc,
        Quantity = "0.001", Price = "60000.00", NewClientOrderId = id,
    };

    private static async Task<(LoopbackHttpServer Server, BinanceRestClient Client, SpotOrderClient Orders, ManualTime Time, List<string> Log)> Setup(
        Func<RecordedRequest, Reply> handler, TimeSpan? timeout = null)
    {
        var server = new LoopbackHttpServer(handler);
        var time = RestHarness.DocClock();
        var log = new List<string>();
        var client = await RestHarness.CreateAsync(server.BaseUri, new HmacSha256Signer(RestHarness.DocApiKey, RestHarness.DocSecret), time, timeout: timeout, log: log);
        return (server, client, new SpotOrderClient(client), time, log);
    }

    [Fact]
    public async Task Binance_error_codes_come_back_as_rejections_with_code_and_msg()
    {
        var (server, client, orders, _, _) = await Setup(_ => new Reply(400, "{\"code\":-1013,\"msg\":\"Filter failure: PRICE_FILTER\"}"));
        await using var _s = server;
        using var _c = client;

        var r = await orders.PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal((RestOutcome.Rejected, 400, -1013, "Filter failure: PRICE_FILTER"), (r.Outcome, r.HttpStatus, r.Code, r.Message));
    }

    [Theory]
    [InlineData(503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. Please try again.\"}")]
    [InlineData(500, "")]
    [InlineData(408, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown; execution status unknown.\"}")]
    [InlineData(400, "{\"code\":-1006,\"msg\":\"An unexpected response was received from the message bus. Execution status unknown.\"}")]
    public async Task Server_errors_and_unknown_status_codes_are_unknown_and_sent_once(int status, string body)
    {
        var (server, client, orders, _, log) = await Setup(_ => new Reply(status, body));
        await using var _s = server;
        using var _c = client;

        var r = await orders.PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal(RestOutcome.Unknown, r.Outcome);
        Assert.Equal(status, r.HttpStatus);
        Assert.Equal(1, server.Count("/api/v3/order"));
        Assert.Contains(log, l => l.Contains("UNKNOWN", StringComparison.Ordinal));
        Assert.Equal(1, client.Counters.Unknown);
    }

    [Fact]
    public async Task A_request_without_an_answer_in_time_is_unknown_and_not_resent()
    {
        // The answer comes long after the client's timeout (disposing the server cuts the wait short). The timeout leaves
        // room for a loaded machine to connect and send; the server records a request on its own task, which may run
        // after the client has given up, so the count is read once the request has arrived (or 5 s have passed).
        var (server, client, orders, _, _) = await Setup(_ => new Reply(200, "{}", Delay: TimeSpan.FromSeconds(30)), TimeSpan.FromMilliseconds(1000));
        await using var _s = server;
        using var _c = client;

        var r = await orders.PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal(RestOutcome.Unknown, r.Outcome);
        Assert.Contains("no answer within 1000 ms", r.Message, StringComparison.Ordinal);
        for (int i = 0; i < 100 && server.Count("/api/v3/order") == 0; i++) await Task.Delay(50);
        await Task.Delay(200); // a resend, had there been one, would land here
        Assert.Equal(1, server.Count("/api/v3/order"));
    }

    [Fact]
    public async Task A_success_body_that_does_not_parse_is_unknown()
    {
        var (server, client, orders, _, _) = await Setup(_ => new Reply(200, "{\"orderId\":\"not-a-number\""));
        await using var _s = server;
        using var _c = client;

        var r = await orders.PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal(RestOutcome.Unknown, r.Outcome);
    }

    [Fact]
    public async Task Timestamp_rejection_resyncs_the_clock_once_and_sends_once_more_with_a_fresh_timestamp()
    {
        int orders = 0;
        ManualTime? clock = null;
        var (server, client, spot, time, log) = await Setup(r =>
        {
            if (r.Path == "/api/v3/time") return new Reply(200, $"{{\"serverTime\":{clock!.Now.ToUnixTimeMilliseconds() + 700}}}");
            return Interlocked.Increment(ref orders) == 1
                ? new Reply(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}")
                : new Reply(200, "{\"symbol\":\"BTCUSDT\",\"orderId\":7,\"clientOrderId\":\"sess1-42\",\"status\":\"NEW\"}");
        });
        clock = time;
        await using var _s = server;
        using var _c = client;

        var r = await spot.PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal(RestOutcome.Ok, r.Outcome);
        Assert.True(r.Resynced);
        Assert.Equal(7, r.Value!.OrderId);
        Assert.Equal(1, client.Time.ResyncsAfterRejection);
        Assert.Equal(700, client.Time.OffsetMs);
        var sent = server.Requests.Where(q => q.Path == "/api/v3/order").ToArray();
        Assert.Equal(2, sent.Length);
        Assert.Contains("timestamp=1499827319559&", sent[0].Query, StringComparison.Ordinal);
        Assert.Contains("timestamp=1499827320259&", sent[1].Query, StringComparison.Ordinal);
        Assert.Contains(log, l => l.Contains("-1021", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_timestamp_rejection_is_reported_after_one_retry()
    {
        var (server, client, spot, time, _) = await Setup(r => r.Path == "/api/v3/time"
            ? new Reply(200, "{\"serverTime\":1499827319559}")
            : new Reply(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request was 1000ms ahead of the server's time.\"}"));
        await using var _s = server;
        using var _c = client;

        var r = await spot.PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal((RestOutcome.Rejected, -1021, true), (r.Outcome, r.Code, r.Resynced));
        Assert.Equal(2, server.Count("/api/v3/order"));
        Assert.Equal(2, client.Counters.ClockRejects);
    }

    [Fact]
    public async Task Too_many_requests_pauses_every_request_for_retry_after_capped()
    {
        var (server, client, spot, time, log) = await Setup(_ => new Reply(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", ["Retry-After: 7"]));
        await using var _s = server;
        using var _c = client;

        var first = await spot.PlaceAsync(Order("a1"), CancellationToken.None);
        var second = await spot.PlaceAsync(Order("a2"), CancellationToken.None);
        time.Now += TimeSpan.FromSeconds(7);
        var third = await spot.PlaceAsync(Order("a3"), CancellationToken.None);

        Assert.Equal((RestOutcome.Rejected, 429, -1003), (first.Outcome, first.HttpStatus, first.Code));
        Assert.Equal(TimeSpan.FromSeconds(7), first.RetryAfter);
        Assert.Equal(RestOutcome.NotSent, second.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), second.RetryAfter);
        Assert.Equal(RestOutcome.Rejected, third.Outcome);
        Assert.Equal(2, server.Count("/api/v3/order"));
        Assert.Equal(2, client.Counters.RateLimited);
    }

    [Fact]
    public async Task Ip_ban_stops_all_sending_until_it_ends()
    {
        var (server, client, spot, time, log) = await Setup(_ => new Reply(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1499827439559.\"}", ["Retry-After: 120"]));
        await using var _s = server;
        using var _c = client;

        var banned = await spot.PlaceAsync(Order("b1"), CancellationToken.None);
        var query = await spot.OpenOrdersAsync("BTCUSDT", CancellationToken.None);

        Assert.Equal((RestOutcome.Rejected, 418), (banned.Outcome, banned.HttpStatus));
        Assert.True(client.Limits.IsBanned);
        Assert.Equal(RestOutcome.NotSent, query.Outcome);
        Assert.Contains("banned", query.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Contains(log, l => l.Contains("banned", StringComparison.Ordinal));
        time.Now += TimeSpan.FromSeconds(120);
        Assert.False(client.Limits.IsBanned);
    }

    [Fact]
    public async Task Order_count_header_at_the_limit_refuses_the_next_order_locally()
    {
        var (server, client, spot, _, _) = await Setup(_ => new Reply(200, "{\"symbol\":\"BTCUSDT\",\"orderId\":1,\"status\":\"NEW\"}",
            ["X-MBX-USED-WEIGHT-1M: 31", "X-MBX-ORDER-COUNT-10S: 50", "X-MBX-ORDER-COUNT-1D: 900"]));
        await using var _s = server;
        using var _c = client;

        var first = await spot.PlaceAsync(Order("c1"), CancellationToken.None);
        var second = await spot.PlaceAsync(Order("c2"), CancellationToken.None);
        var cancel = await spot.CancelAsync("BTCUSDT", "c1", CancellationToken.None);

        Assert.Equal(RestOutcome.Ok, first.Outcome);
        Assert.Equal(31, client.Limits.Used(RateLimitType.RequestWeight, "1M"));
        Assert.Equal(900, client.Limits.Used(RateLimitType.Orders, "1D"));
        Assert.Equal(RestOutcome.NotSent, second.Outcome); // 50/50 orders in this 10 s window
        Assert.Equal(RestOutcome.Ok, cancel.Outcome);       // cancels place no order: still allowed
        Assert.Equal(2, server.Count("/api/v3/order"));
    }

    [Fact]
    public async Task An_order_without_a_valid_client_order_id_is_refused_before_sending()
    {
        var (server, client, spot, _, _) = await Setup(_ => new Reply(200, "{}"));
        await using var _s = server;
        using var _c = client;

        await Assert.ThrowsAsync<ArgumentException>(() => spot.PlaceAsync(Order(""), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => spot.PlaceAsync(Order("has space"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => spot.PlaceAsync(Order(new string('x', 37)), CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_not_sent_rather_than_unknown()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = await RestHarness.CreateAsync(new Uri($"http://127.0.0.1:{port}"), new HmacSha256Signer("k", "s"), RestHarness.DocClock());

        var r = await new SpotOrderClient(client).PlaceAsync(Order(), CancellationToken.None);

        Assert.Equal(RestOutcome.NotSent, r.Outcome);
    }
}
