using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Live.Tests;

/// <summary>
/// Reconciliation and the fail-closed gate of a live run, against the fake exchange over a real connection: nothing
/// trades before the ledger agrees with the venue, unknown open orders are cancelled (or adopted), and a venue change
/// the ledger did not see halts trading.
/// </summary>
public sealed class LiveReconcilerTests
{
    [Fact]
    public async Task Risk_refuses_every_decision_with_VenueNotReady_until_the_first_reconciliation_agrees()
    {
        await using var h = await LiveDeskHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var (ask, _) = h.BestAsk();
        var signal = new Signal { SymbolId = 0, Direction = SignalDirection.Long, Source = SignalSource.Fallback, Confidence = 0.9f };
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var market = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = bid, AskTicks = ask, LastEventTimeNs = now };

        var before = await h.OnTradingThread(() => h.Desk.Decide(in signal, in market, now, out _));
        Assert.Equal(RiskVerdict.VenueNotReady, before);
        Assert.Equal(1, h.Desk.Risk.Counters[RiskVerdict.VenueNotReady]);
        Assert.Equal(0, h.Desk.OrdersSent);

        Assert.True(await h.Reconciler.ReconcileAsync("start", CancellationToken.None), string.Join("\n", h.Log));
        Assert.True(h.Gate.IsOpen);
        var after = await h.OnTradingThread(() => h.Desk.Decide(in signal, in market, now, out _));
        Assert.NotEqual(RiskVerdict.VenueNotReady, after);
    }

    [Fact]
    public async Task An_order_left_open_by_a_previous_run_is_cancelled_and_counted_before_trading_starts()
    {
        await using var h = await LiveDeskHarness.StartAsync();
        var (bid, _) = h.BestBid();
        await h.PlaceForeignAsync("prevrun-1", bid - 500, 100);
        await h.PlaceForeignAsync("prevrun-2", bid - 600, 100);
        Assert.Equal(2, h.VenueOpenOrders());

        Assert.True(await h.Reconciler.ReconcileAsync("start", CancellationToken.None), string.Join("\n", h.Log));

        Assert.Equal(0, h.VenueOpenOrders());
        Assert.Equal(2, h.Reconciler.UnknownOrdersCancelled);
        Assert.Equal(2, h.Reconciler.Mismatches);
        Assert.True(h.Gate.IsOpen);
    }

    [Fact]
    public async Task An_adopted_unknown_order_is_left_working_and_trading_starts()
    {
        await using var h = await LiveDeskHarness.StartAsync(UnknownOrderPolicy.Adopt);
        var (bid, _) = h.BestBid();
        await h.PlaceForeignAsync("manual-1", bid - 500, 100);

        Assert.True(await h.Reconciler.ReconcileAsync("start", CancellationToken.None), string.Join("\n", h.Log));

        Assert.Equal(1, h.VenueOpenOrders());
        Assert.Equal(1, h.Reconciler.UnknownOrdersAdopted);
        Assert.True(h.Gate.IsOpen);
    }

    [Fact]
    public async Task A_fill_the_ledger_never_saw_is_a_mismatch_that_keeps_trading_halted()
    {
        await using var h = await LiveDeskHarness.StartAsync();
        Assert.True(await h.Reconciler.ReconcileAsync("start", CancellationToken.None));
        var (ask, _) = h.BestAsk();

        // Someone else buys on the same account: the venue's BTC and USDT move, the ledger's do not.
        await h.PlaceForeignAsync("other-1", ask, 1000, "MARKET");
        Assert.False(await h.Reconciler.ReconcileAsync("periodic", CancellationToken.None));

        Assert.False(h.Gate.IsOpen);
        Assert.True(h.Gate.Blocks.HasFlag(VenueBlock.Mismatch));
        Assert.True(h.Reconciler.Mismatches >= 2, string.Join("\n", h.Log)); // base and quote
        Assert.Contains(h.Log, l => l.Contains("mismatch: BTCUSDT: base", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Our_own_fills_keep_the_ledger_equal_to_the_venue_so_reconciliation_agrees()
    {
        await using var h = await LiveDeskHarness.StartAsync();
        Assert.True(await h.Reconciler.ReconcileAsync("start", CancellationToken.None));
        var (ask, _) = h.BestAsk();

        var id = await h.OnTradingThread(() =>
        {
            var r = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Ioc, PriceTicks = ask + 100, QuantityLots = 1000, TimeNs = 1 };
            Assert.True(h.Desk.Orders.TryCreate(ref r));
            h.Desk.Gateway.Submit(in r);
            return r.ClientOrderId;
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await h.OnTradingThread(() => h.Desk.Orders.TryGet(id, out _)) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1000, await h.OnTradingThread(() => h.Desk.Ledger.Position(0).PositionLots));

        Assert.True(await h.Reconciler.ReconcileAsync("periodic", CancellationToken.None), string.Join("\n", h.Log));
        Assert.Equal(0, h.Reconciler.Mismatches);
    }

    [Theory]
    [InlineData(FakeExchange.Orders.OrderFault.Disconnect)]
    [InlineData(FakeExchange.Orders.OrderFault.LostAck)]
    public async Task An_order_whose_answer_is_lost_is_resolved_and_the_ledger_still_equals_the_venue(FakeExchange.Orders.OrderFault fault)
    {
        await using var h = await LiveDeskHarness.StartAsync(requestTimeout: TimeSpan.FromSeconds(1));
        await h.OnTradingThread(() => 0); // the desk exists
        var reasons = new System.Collections.Concurrent.ConcurrentQueue<string>();
        h.Gateway.Venue.ReconcileNeeded += (_, why) => reasons.Enqueue(why);
        Assert.True(await h.Reconciler.ReconcileAsync("start", CancellationToken.None));
        var (ask, _) = h.BestAsk();
        h.Fake.InjectOrderFault(fault);

        var id = await h.OnTradingThread(() =>
        {
            var r = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Ioc, PriceTicks = ask + 100, QuantityLots = 1000, TimeNs = 1 };
            Assert.True(h.Desk.Orders.TryCreate(ref r));
            h.Desk.Gateway.Submit(in r);
            return r.ClientOrderId;
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await h.OnTradingThread(() => h.Desk.Orders.TryGet(id, out _)) && DateTime.UtcNow < deadline) await Task.Delay(20);

        Assert.False(await h.OnTradingThread(() => h.Desk.Orders.TryGet(id, out _)), string.Join("\n", h.Log));
        Assert.Equal(1000, await h.OnTradingThread(() => h.Desk.Ledger.Position(0).PositionLots));
        if (fault == FakeExchange.Orders.OrderFault.Disconnect)
        {
            // The order is resolved by order.status on the new session as soon as it is ready, which can be before the
            // supervisor raises ReconcileNeeded for that session: wait for the notice rather than assume its order.
            var noticeDeadline = DateTime.UtcNow.AddSeconds(10);
            while (!reasons.Any(r => r.StartsWith("Reconnected", StringComparison.Ordinal)) && DateTime.UtcNow < noticeDeadline)
                await Task.Delay(20);
            Assert.Contains(reasons, r => r.StartsWith("Reconnected", StringComparison.Ordinal));
            Assert.True(h.Gateway.Venue.StreamsUp);
        }
        Assert.True(await h.Reconciler.ReconcileAsync("after the fault", CancellationToken.None), string.Join("\n", h.Log));
        Assert.Equal(0, h.Reconciler.Mismatches);
    }
}
