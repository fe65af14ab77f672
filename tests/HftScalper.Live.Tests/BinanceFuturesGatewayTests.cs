using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The Binance USD-M gateway behind a <see cref="TradingDesk"/>, against the fake exchange (USD-M mode) over a real
/// WebSocket API connection, the listenKey stream and signed REST: the tracker and the ledger must end in the venue's
/// true state (position, open orders), each fill once, nothing ever sent twice.
/// </summary>
public sealed class BinanceFuturesGatewayTests
{
    private const long Lots = 1000; // 0.01 BTC

    [Fact]
    public async Task Limit_order_rests_fills_partially_then_fully_and_the_ledger_position_equals_the_venue_position()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, bidQty) = h.BestBid();

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        var venue = Assert.Single(h.VenueOrders(id));
        Assert.Equal(("NEW", "LIMIT", "GTC"), (venue.Status, venue.Type, venue.TimeInForce));

        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid), bidQty / 100_000m + 0.004m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.PartiallyFilled, "the partial fill");
        Assert.True(h.Desk.Orders.TryGet(id, out var partial));
        Assert.Equal(400, partial.FilledLots);

        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid), 1m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill");

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], h.Sink.Of(id).Select(r => r.Kind).ToArray());
        Assert.All(h.Sink.Of(id).Where(r => r.IsFill), r => Assert.Equal(Liquidity.Maker, r.Liquidity));
        Assert.Equal(Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.VenuePosition().Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(0, h.Gateway.UnknownOutcomes);
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions + h.Desk.Orders.UnknownReports);
    }

    [Fact]
    public async Task Post_only_is_a_gtx_limit_order_and_its_cancel_reports_cancelled()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        var venue = Assert.Single(h.VenueOrders(id));
        Assert.Equal(("LIMIT", "GTX"), (venue.Type, venue.TimeInForce));

        Assert.True(h.Desk.Orders.OnCancelSent(id, 2));
        Assert.True(h.Desk.Gateway.Cancel(id, 0, 2));
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the cancel");

        var last = h.Sink.Of(id)[^1];
        Assert.Equal((ExecutionReportKind.Cancelled, ExecutionReason.CancelRequested), (last.Kind, last.Reason));
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(id)).Status);
        Assert.Empty(h.OpenVenueOrders());
    }

    [Fact]
    public async Task Crossing_post_only_is_rejected_with_5022_as_post_only_would_cross()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (ask, _) = h.BestAsk();

        var id = h.Submit(OrderSide.Buy, OrderType.PostOnly, ask, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the reject");

        var report = Assert.Single(h.Sink.Of(id));
        Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.PostOnlyWouldCross), (report.Kind, report.Reason));
        Assert.Equal(-5022, h.Gateway.LastReject.Code);
        Assert.Empty(h.VenueOrders(id));
    }

    [Fact]
    public async Task Replace_of_a_partly_filled_limit_order_modifies_it_in_place_and_the_replacement_counts_only_its_own_fills()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, bidQty) = h.BestBid();
        var original = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Lots);
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.New, "the ack");
        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid), bidQty / 100_000m + 0.004m);
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.PartiallyFilled, "the partial fill");

        var replacement = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Limit, PriceTicks = bid - 200, QuantityLots = 600, TimeNs = 2 };
        Assert.True(h.Desk.Orders.OnReplaceSent(original, ref replacement));
        Assert.True(h.Desk.Gateway.Replace(original, in replacement));
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.None && h.StatusOf(replacement.ClientOrderId) == OrderStatus.New, "the replace");

        var last = h.Sink.Of(original)[^1];
        Assert.Equal((ExecutionReportKind.Cancelled, ExecutionReason.Replaced), (last.Kind, last.Reason));
        Assert.Equal(1, h.Gateway.Modifies);
        var venue = Assert.Single(h.OpenVenueOrders()); // one venue order, amended: same id, new price, 400 done + 600 left
        Assert.Equal(h.Session.Format(original), venue.ClientOrderId);
        Assert.Equal((FuturesGatewayHarness.Price(bid - 200), 0.01m, 0.004m), (venue.Price, venue.OrigQty, venue.ExecutedQty));
        Assert.Empty(h.VenueOrders(replacement.ClientOrderId));

        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid - 200), 1000m);
        await h.PumpUntil(() => h.StatusOf(replacement.ClientOrderId) == OrderStatus.None, "the replacement's fill");

        var fills = h.Sink.Of(replacement.ClientOrderId).Where(r => r.IsFill).ToArray();
        Assert.Equal(600, fills.Sum(r => r.LastQuantityLots));
        Assert.Equal(ExecutionReportKind.Fill, fills[^1].Kind);
        Assert.Equal(Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.VenuePosition().Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions + h.Desk.Orders.UnknownReports);
    }

    [Fact]
    public async Task Replace_that_changes_the_order_type_cancels_then_places_a_new_venue_order()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var original = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, Lots);
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.New, "the ack");

        var replacement = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.PostOnly, PriceTicks = bid - 200, QuantityLots = 600, TimeNs = 2 };
        Assert.True(h.Desk.Orders.OnReplaceSent(original, ref replacement));
        Assert.True(h.Desk.Gateway.Replace(original, in replacement));
        await h.PumpUntil(() => h.StatusOf(original) == OrderStatus.None && h.StatusOf(replacement.ClientOrderId) == OrderStatus.New, "the replace");

        Assert.Equal((ExecutionReportKind.Cancelled, ExecutionReason.Replaced), (h.Sink.Of(original)[^1].Kind, h.Sink.Of(original)[^1].Reason));
        Assert.Equal(1, h.Gateway.CancelThenPlace);
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(original)).Status);
        var venue = Assert.Single(h.VenueOrders(replacement.ClientOrderId));
        Assert.Equal(("NEW", "GTX", 0.006m), (venue.Status, venue.TimeInForce, venue.OrigQty));
        Assert.Equal(600, h.Desk.Orders.OpenBuyLots(0));
    }

    [Fact]
    public async Task Lost_ack_is_resolved_by_order_status_and_the_venue_sees_exactly_one_order()
    {
        await using var h = await FuturesGatewayHarness.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));

        var (id, bid) = await h.LostAckThenPartialFillAsync(Lots, bidQty => bidQty / 100_000m + 0.004m); // 0.004 while unknown

        Assert.Equal(1, h.Gateway.UnknownOutcomes);
        Assert.Equal(400, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Single(h.VenueOrders(id)); // resolved by query, never by resending

        h.Fake.ResumeUserStream();
        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid), 1m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill through the stream");
        Assert.Equal(Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.VenuePosition().Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Single(h.VenueOrders(id));
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions);
    }

    [Theory]
    [InlineData(OrderFault.DuplicateReports)]
    [InlineData(OrderFault.OutOfOrderReports)]
    public async Task Duplicate_or_reordered_order_trade_updates_are_applied_once(OrderFault fault)
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, bidQty) = h.BestBid();
        h.Fake.InjectOrderFault(fault);

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Lots);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid), bidQty / 100_000m + 0.004m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.PartiallyFilled, "the partial fill");
        h.Fake.SimulateTrade(FuturesGatewayHarness.Symbol, FuturesGatewayHarness.Price(bid), 1m);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill");
        await Task.Delay(200); // let any late copy arrive
        h.Desk.DeliverReports();

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], h.Sink.Of(id).Select(r => r.Kind).ToArray());
        Assert.Equal(Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.VenuePosition().Lots, h.Desk.Ledger.Position(0).PositionLots);
        if (fault == OrderFault.DuplicateReports) Assert.True(h.Gateway.DuplicateReports + h.Gateway.LateReports >= 3);
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions + h.Desk.Orders.UnknownReports);
    }

    [Fact]
    public async Task Listen_key_expiry_and_malformed_user_data_raise_reconcile_needed_and_the_streams_come_back()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        Assert.Empty(h.Reconciles);

        h.Fake.ExpireListenKeys();
        await FuturesGatewayHarness.Until(() => h.Reconciles.Any(r => r.Contains("ListenKeyExpired", StringComparison.Ordinal)), "the reconcile request");
        await FuturesGatewayHarness.Until(() => h.Gateway.StreamsUp, "the stream on a new key");
        Assert.Equal(1, h.UserData.KeyRenewals);

        h.Fake.SendRaw("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":");
        await FuturesGatewayHarness.Until(() => h.Reconciles.Any(r => r.Contains("MalformedUserData", StringComparison.Ordinal)), "the malformed-data reconcile");
    }

    [Fact]
    public async Task Account_view_and_risk_figures_equal_the_venue_after_fills()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (ask, _) = h.BestAsk();
        Assert.False(h.Gateway.TryGetRiskFigures(0, out _)); // never queried: an order cannot be checked

        var taken = h.Submit(OrderSide.Buy, OrderType.Market, 0, Lots);
        await h.PumpUntil(() => h.StatusOf(taken) == OrderStatus.None, "the market fill");
        var resting = h.Submit(OrderSide.Sell, OrderType.Limit, ask + 500, 300, reduceOnly: true);
        await h.PumpUntil(() => h.StatusOf(resting) == OrderStatus.New, "the resting exit");
        Assert.True(Assert.Single(h.VenueOrders(resting)).ReduceOnly);

        var view = await h.Gateway.QueryAccountAsync(CancellationToken.None);

        var (venueLots, wallet) = h.VenuePosition();
        Assert.Equal(Lots, venueLots);
        Assert.Equal(venueLots, view.PositionLots[0]);
        Assert.Equal(h.Desk.Ledger.Position(0).PositionLots, view.PositionLots[0]);
        Assert.Equal(wallet, view.QuoteBalance);
        var open = Assert.Single(view.OpenOrders);
        Assert.Equal((h.Session.Format(resting), OrderSide.Sell, ask + 500, 300L, 0L), (open.ClientOrderId, open.Side, open.PriceTicks, open.QuantityLots, open.FilledLots));
        Assert.True(h.Gateway.TryGetRiskFigures(0, out var risk));
        Assert.Equal(Lots, risk.PositionLots);
        Assert.True(risk.MarkPriceTicks > 0);
    }

    [Fact]
    public async Task Cancel_all_leaves_no_open_order_at_the_venue_and_the_desk_sees_them_cancelled()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var a = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, Lots);
        var b = h.Submit(OrderSide.Buy, OrderType.PostOnly, bid - 200, Lots);
        await h.PumpUntil(() => h.StatusOf(a) == OrderStatus.New && h.StatusOf(b) == OrderStatus.New, "the acks");

        int cancelled = await h.Gateway.CancelAllAsync(CancellationToken.None);

        Assert.Equal(2, cancelled);
        Assert.Empty(h.OpenVenueOrders());
        await h.PumpUntil(() => h.StatusOf(a) == OrderStatus.None && h.StatusOf(b) == OrderStatus.None, "the cancels");
        Assert.Equal(0, h.Desk.Orders.OpenBuyLots(0));
        Assert.Equal(0, await h.Gateway.CancelAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_exchange_liquidation_price_from_position_risk_is_what_the_desk_margin_account_uses()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var sold = h.Submit(OrderSide.Sell, OrderType.Market, 0, Lots); // a short: the fake reports a finite liquidation price
        await h.PumpUntil(() => h.StatusOf(sold) == OrderStatus.None, "the market fill");
        Assert.True(await h.Gateway.RefreshRiskFiguresAsync(CancellationToken.None));
        await h.PumpUntil(() => h.Desk.Ledger.Position(0).PositionLots == -Lots, "the ledger position");

        // The fake's cross formula: (wallet + Q x entry) / (Q x 1.004), with its own 10000 USDT wallet (the desk's is 100000).
        var (amount, entry, wallet) = h.Fake.WithEngine(e => e.PositionOf(FuturesGatewayHarness.Symbol));
        long expected = (long)decimal.Round((wallet + -amount * entry) / (-amount * 1.004m) * 100m);
        Assert.True(h.Gateway.TryGetLiquidation(0, out long lots, out long liquidation));
        Assert.Equal((-Lots, expected), (lots, liquidation));
        var margin = Assert.IsType<HftScalper.Trading.Margin.MarginAccount>(h.Desk.Margin);
        Assert.Equal(expected, margin.LiquidationPriceTicks(0));
        Assert.True(margin.VenueLiquidations > 0);
    }
}
