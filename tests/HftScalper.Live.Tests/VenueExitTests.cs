using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The exit of a live run (<see cref="VenueExit"/>) against the fake exchange over real connections: an order still on
/// its way when the exit begins is answered and then cancelled, refused cancels are retried by client order id, an
/// order whose answer was lost is resolved by a query (never sent again), and a venue that never confirms gives an
/// unconfirmed result naming the orders.
/// </summary>
public sealed class VenueExitTests
{
    private const long Lots = 1000; // 0.01 BTC

    private static VenueExitOptions Fast(List<string> log) => new()
    {
        AnswerWait = TimeSpan.FromSeconds(8), RetryDelay = TimeSpan.FromMilliseconds(100), CancelRounds = 3, Log = log.Add,
    };

    [Fact]
    public async Task A_cancel_all_alone_misses_an_order_still_on_its_way_to_the_venue()
    {
        // The window the exit closes: the order reaches the engine after the cancel-all, and stays open.
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        h.Fake.InjectOrderFault(OrderFault.DelayedArrival);

        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await FakeVenueHarness.Until(() => h.Fake.RequestsInTransit == 1, "the order on its way");
        await h.Gateway.CancelAllAsync(CancellationToken.None);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the late ack");

        Assert.Equal(h.Session.Format(id), Assert.Single(h.OpenVenueOrders()).ClientOrderId);
    }

    [Fact]
    public async Task An_order_arriving_after_the_exit_began_is_awaited_then_cancelled_and_the_exit_is_confirmed()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        h.Fake.InjectOrderFault(OrderFault.DelayedArrival);
        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await FakeVenueHarness.Until(() => h.Fake.RequestsInTransit == 1, "the order on its way");
        var log = new List<string>();

        var result = await new VenueExit(h.Gateway, Fast(log)).RunAsync(CancellationToken.None);

        Assert.True(result.Confirmed, string.Join("\n", log));
        Assert.Empty(h.OpenVenueOrders());
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(id)).Status);
        Assert.Empty(result.OpenOrderIds);
        Assert.Empty(result.UnansweredIds);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the cancel reported to the tracker");
    }

    [Fact]
    public async Task No_new_order_leaves_once_the_exit_began()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        h.Gateway.BlockNewOrders();

        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the refusal");

        Assert.Equal(ExecutionReportKind.Rejected, Assert.Single(h.Sink.Of(id)).Kind);
        Assert.Empty(h.VenueOrders(id));
    }

    [Fact]
    public async Task Refused_cancels_are_retried_by_client_order_id_until_the_venue_confirms()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        h.Fake.RefuseCancels(2); // the cancel-all and the first cancel by id
        var log = new List<string>();

        var result = await new VenueExit(h.Gateway, Fast(log)).RunAsync(CancellationToken.None);

        Assert.True(result.Confirmed, string.Join("\n", log));
        Assert.Equal(2, h.Fake.CancelsRefused);
        Assert.Equal(2, result.Refused);
        Assert.Equal(2, result.CancelRetries);
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(id)).Status);
    }

    [Fact]
    public async Task A_venue_that_never_confirms_gives_an_unconfirmed_exit_naming_the_open_order()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        h.Fake.RefuseCancels(int.MaxValue);
        var log = new List<string>();

        var result = await new VenueExit(h.Gateway, Fast(log)).RunAsync(CancellationToken.None);

        Assert.False(result.Confirmed);
        Assert.Equal([h.Session.Format(id)], result.OpenOrderIds);
        Assert.Equal(1, result.OpenAtExit);
        Assert.Equal(3, result.CancelRetries); // one per round
        Assert.Contains(log, l => l.Contains("NOT confirmed", StringComparison.Ordinal) && l.Contains(h.Session.Format(id), StringComparison.Ordinal));
        Assert.Single(h.OpenVenueOrders());
    }

    [Fact]
    public async Task An_order_whose_answer_was_lost_is_resolved_by_a_query_and_never_sent_again()
    {
        await using var h = await FuturesGatewayHarness.StartAsync(requestTimeout: TimeSpan.FromSeconds(30));
        var (bid, _) = h.BestBid();
        h.Fake.InjectOrderFault(OrderFault.LostAck); // placed at the venue, never answered...
        h.Fake.SilenceUserStream(); // ...and no NEW report either: only a query can say what happened
        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await FakeVenueHarness.Until(() => h.VenueOrders(id).Length == 1, "the order at the venue");
        var log = new List<string>();

        var result = await new VenueExit(h.Gateway, Fast(log) with { AnswerWait = TimeSpan.FromMilliseconds(300) }).RunAsync(CancellationToken.None);

        Assert.True(result.Confirmed, string.Join("\n", log));
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(id)).Status); // one order at the venue: queried, not resent
        Assert.Contains(log, l => l.Contains("no answer yet", StringComparison.Ordinal));
    }
}
