using System.Text.Json;
using HftScalper.Binance.Auth;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using static HftScalper.Binance.IntegrationTests.WsApi.BinanceReplies;

namespace HftScalper.Binance.IntegrationTests.WsApi;

/// <summary>
/// The WebSocket API client against a loopback server that answers like Binance's documented examples: request
/// shapes pinned (method and param names, JSON types, signatures checked as the exchange does), responses matched by
/// id, and the failure cases that must never turn into a resend: no response, a drop mid-order, late answers.
/// </summary>
public sealed class WsApiClientTests
{
    private static Func<ServerConnection, Received, Task> HmacExchange(Func<ServerConnection, Received, Task<bool>>? onOrder = null) =>
        async (c, r) =>
        {
            switch (r.Method)
            {
                case "userDataStream.subscribe.signature":
                    await c.SendAsync(HmacValid(r, DocSecret) ? Subscribed(r, 0) : Error(r, 400, -1022, "Signature for this request is not valid."));
                    break;
                case "order.place":
                    if (onOrder is not null && await onOrder(c, r)) break;
                    await c.SendAsync(HmacValid(r, DocSecret) ? OrderPlaced(r, 12569099453) : Error(r, 400, -1022, "Signature for this request is not valid."));
                    break;
            }
        };

    [Fact]
    public async Task Order_place_is_sent_in_the_documented_shape_and_its_answer_is_matched_by_id()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = HmacExchange();
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var response = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-1"));

        var sent = h.Server.Requests("order.place").Single();
        Assert.Equal(JsonValueKind.Number, sent.Id.ValueKind);
        var p = sent.Params;
        Assert.Equal("BTCUSDT", p.GetProperty("symbol").GetString());
        Assert.Equal("SELL", p.GetProperty("side").GetString());
        Assert.Equal("LIMIT", p.GetProperty("type").GetString());
        Assert.Equal("GTC", p.GetProperty("timeInForce").GetString());
        Assert.Equal("0.01000", p.GetProperty("quantity").GetString()); // DECIMAL params are JSON strings
        Assert.Equal("52000.00", p.GetProperty("price").GetString());
        Assert.Equal("hft-s1-1", p.GetProperty("newClientOrderId").GetString());
        Assert.Equal(JsonValueKind.Number, p.GetProperty("timestamp").ValueKind); // INT params are JSON numbers
        Assert.Equal(DocApiKey, p.GetProperty("apiKey").GetString());
        Assert.True(HmacValid(sent, DocSecret));
        Assert.Equal(WsApiOutcome.Ok, response.Outcome);
        Assert.Equal(200, response.Status);
        Assert.True(response.TryGetResultLong("orderId", out long orderId));
        Assert.Equal(12569099453, orderId);
        Assert.True(response.TryGetResultString("status", out var status));
        Assert.Equal("NEW", status);
        Assert.NotNull(response.RateLimitsJson);
        Assert.True(response.WrittenAtNs > 0 && response.ReceivedAtNs > 0); // on loopback the answer can be read before the send returns
        // The HMAC key cannot log on: the user data subscription was signed instead.
        Assert.Empty(h.Server.Requests("session.logon"));
        Assert.True(HmacValid(h.Server.Requests("userDataStream.subscribe.signature").Single(), DocSecret));
    }

    [Fact]
    public async Task A_rejection_carries_the_binance_error_code_and_message()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = HmacExchange(async (c, r) =>
        {
            await c.SendAsync(Error(r, 400, -2010, "Account has insufficient balance for requested action."));
            return true;
        });
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var response = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-2"));

        Assert.Equal(WsApiOutcome.Rejected, response.Outcome);
        Assert.Equal(400, response.Status);
        Assert.Equal(-2010, response.ErrorCode);
        Assert.Equal("Account has insufficient balance for requested action.", response.ErrorMessage);
    }

    [Fact]
    public async Task A_backend_timeout_answer_minus_1007_is_unknown_not_rejected()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = HmacExchange(async (c, r) =>
        {
            await c.SendAsync(Error(r, 408, -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown."));
            return true;
        });
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var response = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-3"));

        Assert.Equal(WsApiOutcome.Unknown, response.Outcome);
        Assert.Equal(WsApiUnknownReason.ServerUnknown, response.UnknownReason);
        Assert.Equal(-1007, response.ErrorCode);
    }

    [Fact]
    public async Task A_response_that_never_comes_is_unknown_never_resent_and_a_late_answer_is_reported()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key, requestTimeout: TimeSpan.FromMilliseconds(1000));
        Received? swallowed = null;
        h.Server.OnText = HmacExchange((_, r) =>
        {
            swallowed = r;
            return Task.FromResult(true); // no answer
        });
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var response = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-4"));
        await Task.Delay(1200);

        Assert.Equal(WsApiOutcome.Unknown, response.Outcome);
        Assert.Equal(WsApiUnknownReason.Timeout, response.UnknownReason);
        Assert.Single(h.Server.Requests("order.place"));
        Assert.Equal(1, h.Client.Timeouts);
        Assert.Contains(h.Log, l => l.Contains("UNKNOWN", StringComparison.Ordinal));

        await h.Server.Current!.SendAsync(OrderPlaced(swallowed!, 777));
        await WsApiHarness.Until(() => !h.Late.IsEmpty, "the late response");

        var late = Assert.Single(h.Late);
        Assert.Equal("order.place", late.Method);
        Assert.Equal(response.Id, late.Id);
        Assert.True(late.TryGetResultLong("orderId", out long id) && id == 777);
        Assert.Equal(1, h.Client.LateResponses);
        Assert.True(h.Client.IsReady);
    }

    [Fact]
    public async Task A_drop_mid_order_is_unknown_then_the_client_reconnects_logs_on_resubscribes_and_asks_to_reconcile()
    {
        using var key = Ed25519Signer.FromSeed("ed25519-api-key", WsApiHarness.Rfc8032Seed);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = async (c, r) =>
        {
            switch (r.Method)
            {
                case "session.logon":
                    await c.SendAsync(Ed25519Valid(r, key) ? Logon(r) : Error(r, 401, -1022, "Signature for this request is not valid."));
                    break;
                case "userDataStream.subscribe":
                    await c.SendAsync(Subscribed(r, c.Index));
                    break;
                case "order.place" when c.Index == 1:
                    c.Abort(); // the order reached the exchange; its answer never will
                    break;
                case "order.place":
                    await c.SendAsync(OrderPlaced(r, 42));
                    break;
            }
        };
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var lost = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-5"));
        await WsApiHarness.Until(() => h.Reconciles.Count >= 2, "the reconnect's reconcile request");

        Assert.Equal(WsApiOutcome.Unknown, lost.Outcome);
        Assert.Equal(WsApiUnknownReason.Disconnected, lost.UnknownReason);
        Assert.Equal([ReconcileReason.Started, ReconcileReason.Reconnected], h.Reconciles.ToArray());
        Assert.Equal(1, h.Client.Reconnects);
        Assert.NotEmpty(h.Disconnects);
        var logons = h.Server.Requests("session.logon").ToArray();
        Assert.Equal([1, 2], logons.Select(l => l.Connection));
        Assert.All(logons, l => Assert.True(Ed25519Valid(l, key)));
        Assert.Equal([1, 2], h.Server.Requests("userDataStream.subscribe").Select(s => s.Connection));
        Assert.Single(h.Server.Requests("order.place")); // never resent

        var next = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-6"));
        Assert.Equal(WsApiOutcome.Ok, next.Outcome);
        // Logged-on session: orders carry a timestamp but no apiKey/signature.
        var sent = h.Server.Requests("order.place").Last();
        Assert.Equal(2, sent.Connection);
        Assert.True(sent.HasParam("timestamp"));
        Assert.False(sent.HasParam("apiKey"));
        Assert.False(sent.HasParam("signature"));
        Assert.False(h.Server.Requests("userDataStream.subscribe").First().HasParam("params"));
    }

    [Fact]
    public async Task A_duplicate_execution_report_is_delivered_and_the_sequencer_drops_it()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = HmacExchange();
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var fill1 = Event(ExecutionReportFill("hft-s1-7", 4293153, 501, "0.00500000", "0.00500000"));
        var fill2 = Event(ExecutionReportFill("hft-s1-7", 4293153, 502, "0.00500000", "0.01000000"));
        await h.Server.Current!.SendAsync(fill1);
        await h.Server.Current!.SendAsync(fill1);
        await h.Server.Current!.SendAsync(fill2);
        await WsApiHarness.Until(() => h.Events.Count == 3, "three execution reports");

        var sequencer = new OrderUpdateSequencer();
        var verdicts = h.Events.Cast<OrderUpdate>().Select(sequencer.Classify).ToArray();
        Assert.Equal([ReportOrder.Fresh, ReportOrder.Duplicate, ReportOrder.Fresh], verdicts);
        var first = (OrderUpdate)h.Events.First();
        Assert.Equal(5_200_000, first.LastPrice); // 52000.00 at 2 decimals
        Assert.Equal(500, first.LastQuantity);    // 0.00500 at 5 decimals
        Assert.Equal(h.Btc.Id, first.SymbolId);
        Assert.Equal(501, first.TradeId);
        Assert.True(first.IsMaker);
    }

    [Fact]
    public async Task Malformed_messages_are_counted_logged_and_skipped_and_the_session_keeps_working()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = HmacExchange();
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var c = h.Server.Current!;
        await c.SendAsync("{not json");
        await c.SendAsync("""{"id":"not-ours","status":200,"result":{}}""");
        await c.SendAsync(Event("""{"e":"executionReport","E":1,"s":"BTCUSDT","c":"x","S":"SELL","x":"TRADE","X":"FILLED","i":1,"p":"52000.001"}"""));
        await c.SendAsync("[1,2]");
        var response = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-8"));

        Assert.Equal(WsApiOutcome.Ok, response.Outcome);
        Assert.Equal(4, h.Client.MalformedMessages);
        Assert.Equal(1, h.Client.UserDataParser.Malformed);
        Assert.Contains(ReconcileReason.MalformedUserData, h.Reconciles);
        Assert.True(h.Log.Count(l => l.Contains("malformed", StringComparison.Ordinal)) >= 4);
        Assert.Empty(h.Events);
        Assert.Equal(0, h.Client.Reconnects);
    }

    [Fact]
    public async Task Event_stream_terminated_makes_the_client_subscribe_again_and_ask_to_reconcile()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);
        h.Server.OnText = HmacExchange();
        await h.Client.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        await h.Server.Current!.SendAsync(Event("""{"e":"eventStreamTerminated","E":1728973001334}"""));
        await WsApiHarness.Until(() => h.Reconciles.Contains(ReconcileReason.StreamTerminated), "the reconcile request");

        Assert.Equal(2, h.Server.Requests("userDataStream.subscribe.signature").Count());
        Assert.IsType<StreamTerminated>(Assert.Single(h.Events));
        Assert.Equal(1, h.Server.Connections);
    }

    [Fact]
    public async Task A_request_without_a_session_is_not_sent_and_says_so()
    {
        using var key = new HmacSha256Signer(DocApiKey, DocSecret);
        await using var h = new WsApiHarness(key);

        var response = await h.Spot.PlaceOrderAsync(h.Order("hft-s1-9"));

        Assert.Equal(WsApiOutcome.NotSent, response.Outcome);
        Assert.Equal(WsApiUnknownReason.NotConnected, response.UnknownReason);
        Assert.Empty(h.Server.Messages);
    }
}
