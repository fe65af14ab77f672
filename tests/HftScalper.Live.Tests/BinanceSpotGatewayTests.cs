using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The Binance spot gateway behind a <see cref="TradingDesk"/>, against the fake exchange over a real WebSocket API
/// connection (HMAC-signed): the tracker and the ledger must end in the venue's true state, each fill once.
/// </summary>
public sealed class BinanceSpotGatewayTests
{
    private const long Lots = 1000; // 0.01 BTC

    [Fact]
    public async Task Limit_order_rests_fills_partially_then_fully_and_the_ledger_equals_the_venue_balances()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, bidQty) = h.BestBid();
        long btc0 = h.Balance("BTC", 5), usdt0 = h.Balance("USDT", 7);

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        var venue = Assert.Single(h.VenueOrders(id));
        Assert.Equal("NEW", venue.Status);

        h.Fake.SimulateTrade(GatewayHarness.Symbol, GatewayHarness.Price(bid), bidQty / 100_000m + 0.004m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.PartiallyFilled, "the partial fill");
        Assert.True(h.Desk.Orders.TryGet(id, out var partial));
        Assert.Equal(400, partial.FilledLots);

        h.Fake.SimulateTrade(GatewayHarness.Symbol, GatewayHarness.Price(bid), 1m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill");

        var kinds = h.Sink.Of(id).Select(r => r.Kind).ToArray();
        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], kinds);
        Assert.All(h.Sink.Of(id).Where(r => r.IsFill), r => Assert.Equal(Liquidity.Maker, r.Liquidity));
        ref readonly var position = ref h.Desk.Ledger.Position(0);
        Assert.Equal(h.Balance("BTC", 5) - btc0, position.PositionLots);
        Assert.Equal(Lots, position.PositionLots);
        Assert.Equal(usdt0 - h.Balance("USDT", 7), position.CostBasis); // quote units = 10^-7 USDT
        Assert.Equal(0, h.Desk.Orders.OpenBuyLots(0));
        Assert.Equal(0, h.Gateway.UnknownOutcomes);
    }

    [Fact]
    public async Task Every_report_sent_twice_is_applied_once_and_the_duplicates_are_counted()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, bidQty) = h.BestBid();
        long btc0 = h.Balance("BTC", 5);
        h.Fake.InjectOrderFault(OrderFault.DuplicateReports); // every event of the next order is delivered twice

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        h.Fake.SimulateTrade(GatewayHarness.Symbol, GatewayHarness.Price(bid), bidQty / 100_000m + 0.004m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.PartiallyFilled, "the partial fill");
        h.Fake.SimulateTrade(GatewayHarness.Symbol, GatewayHarness.Price(bid), 1m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill");
        // NEW and the partial fill are caught by the sequencer; the FILLED copy arrives after the order was done and forgotten
        await GatewayHarness.Until(() => h.Gateway.DuplicateReports == 2 && h.Gateway.LateReports == 1, "the duplicates");
        h.Desk.DeliverReports();

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], h.Sink.Of(id).Select(r => r.Kind).ToArray());
        Assert.Equal(Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.Balance("BTC", 5) - btc0, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions + h.Desk.Orders.UnknownReports);
    }

    [Fact]
    public async Task Cancel_of_a_resting_order_reports_cancelled_and_releases_the_venue_funds()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        Assert.Equal("LIMIT_MAKER", Assert.Single(h.VenueOrders(id)).Type);

        Assert.True(h.Desk.Orders.OnCancelSent(id, 2));
        Assert.True(h.Desk.Gateway.Cancel(id, 0, 2));
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the cancel");

        var last = h.Sink.Of(id)[^1];
        Assert.Equal((ExecutionReportKind.Cancelled, ExecutionReason.CancelRequested), (last.Kind, last.Reason));
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(id)).Status);
        Assert.Equal(0m, h.Fake.WithEngine(e => e.BalanceOf("USDT")).Locked);
        Assert.Equal(0, h.Desk.Ledger.Position(0).PositionLots);
    }

    [Fact]
    public async Task Replace_cancels_the_original_as_replaced_and_rests_the_replacement_in_one_cancelReplace()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var original = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.New, "the ack");

        var replacement = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Limit, PriceTicks = bid - 200, QuantityLots = 600, TimeNs = 2 };
        Assert.True(h.Desk.Orders.OnReplaceSent(original, ref replacement));
        Assert.True(h.Desk.Gateway.Replace(original, in replacement));
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.None && h.StatusOf(replacement.ClientOrderId) == OrderStatus.New, "the replace");

        var last = h.Sink.Of(original)[^1];
        Assert.Equal((ExecutionReportKind.Cancelled, ExecutionReason.Replaced), (last.Kind, last.Reason));
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(original)).Status);
        var venue = Assert.Single(h.VenueOrders(replacement.ClientOrderId));
        Assert.Equal(("NEW", 0.006m), (venue.Status, venue.OrigQty));
        Assert.Equal(600, h.Desk.Orders.OpenBuyLots(0));
    }

    [Fact]
    public async Task Lost_ack_leaves_the_order_unknown_until_a_query_finds_its_true_state_and_nothing_is_sent_twice()
    {
        await using var h = await GatewayHarness.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        var (bid, bidQty) = h.BestBid();
        long btc0 = h.Balance("BTC", 5);
        h.Fake.SilenceUserStream();              // only the query can tell what happened
        h.Fake.InjectOrderFault(OrderFault.LostAck);

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Lots);
        await GatewayHarness.Until(() => h.VenueOrders(id).Length == 1, "the order at the venue");
        h.Fake.SimulateTrade(GatewayHarness.Symbol, GatewayHarness.Price(bid), bidQty / 100_000m + 0.004m); // filled 0.004 while unknown
        await h.PumpUntil(() => h.Gateway.Resolved == 1, "the resolving query");
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.PartiallyFilled, "the queried state");

        Assert.Equal(1, h.Gateway.UnknownOutcomes);
        Assert.True(h.Desk.Orders.TryGet(id, out var o));
        Assert.Equal(400, o.FilledLots);
        Assert.Equal(400, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Single(h.VenueOrders(id)); // resolved by query, never by resending

        h.Fake.ResumeUserStream();
        h.Fake.SimulateTrade(GatewayHarness.Symbol, GatewayHarness.Price(bid), 1m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill through the stream");
        Assert.Equal(Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.Balance("BTC", 5) - btc0, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Single(h.VenueOrders(id));
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions);
    }

    [Fact]
    public async Task Venue_refusals_are_rejected_reports_with_the_binance_code_and_local_refusals_send_nothing()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (ask, _) = h.BestAsk();

        var crossing = h.Submit(OrderSide.Buy, OrderType.PostOnly, ask, Lots);
        await h.PumpUntil(() => h.StatusOf(crossing) == OrderStatus.None, "the post-only reject");
        var report = Assert.Single(h.Sink.Of(crossing));
        Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.PostOnlyWouldCross), (report.Kind, report.Reason));
        Assert.Equal(-2010, h.Gateway.LastReject.Code);

        h.Fake.InjectOrderFault(OrderFault.Reject);
        var faulted = h.Submit(OrderSide.Buy, OrderType.Limit, ask - 1000, Lots);
        await h.PumpUntil(() => h.StatusOf(faulted) == OrderStatus.None, "the injected reject");
        Assert.Equal(ExecutionReportKind.Rejected, Assert.Single(h.Sink.Of(faulted)).Kind);
        Assert.Equal(-2010, h.Gateway.LastReject.Code);
        Assert.Empty(h.VenueOrders(faulted));

        var offStep = h.Submit(OrderSide.Buy, OrderType.Limit, ask - 1000, 3); // 0.00003 BTC: below the notional
        Assert.Equal(1, h.Gateway.LocalRejects);
        await h.PumpUntil(() => h.StatusOf(offStep) == OrderStatus.None, "the local reject");
        Assert.Equal(ExecutionReason.FilterFailure, Assert.Single(h.Sink.Of(offStep)).Reason);
        Assert.Empty(h.VenueOrders(offStep));
        Assert.Equal(2, h.Gateway.VenueRejects);
    }
}
