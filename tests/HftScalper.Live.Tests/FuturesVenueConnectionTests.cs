using HftScalper.Binance.Auth;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>The helper the CLI calls for <c>hft run --market usdm</c>: connect, trade through the desk, shut down.</summary>
public sealed class FuturesVenueConnectionTests
{
    // 13 re-arms (every 300 ms) per countdown: only a heartbeat stalled for 4 s kills the first order before the shutdown.
    private static readonly TimeSpan Countdown = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Connect_builds_a_trading_venue_and_shutdown_cancels_every_order_then_disarms_the_switch()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            Futures = true,
            ApiKeys = [new FakeApiKey { ApiKey = FuturesGatewayHarness.ApiKey, HmacSecret = FuturesGatewayHarness.Secret }],
            Seed = 7,
        });
        fake.Pause();
        var symbols = new SymbolRegistry();
        symbols.Register(FuturesGatewayHarness.Symbol, "binance-usdm", 2, 5);
        var session = new ClientOrderIdSession("usdmvenue");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var venue = await FuturesVenueConnection.ConnectAsync(FuturesVenueEndpoints.SingleHost(fake.BaseUri),
            new HmacSha256Signer(FuturesGatewayHarness.ApiKey, FuturesGatewayHarness.Secret), symbols, session,
            new FuturesVenueSettings { Log = log.Enqueue, Heartbeat = new CountdownHeartbeatOptions { CountdownTime = Countdown, Interval = TimeSpan.FromMilliseconds(300) } },
            CancellationToken.None);
        var sink = new RecordingSink();
        var desk = new TradingDesk(symbols, new TradingDeskOptions { OrderIds = session, InitialEquity = 100_000 }, venue.Factory, sink);
        Assert.True(await venue.StartHeartbeatAsync(CancellationToken.None));
        await FuturesGatewayHarness.Until(() => venue.Gateway!.StreamsUp, "the venue's streams");
        long bid = fake.GetBook(FuturesGatewayHarness.Symbol, 1).Bids[0].Price;

        var first = await RestAsync(desk, bid - 100);
        var all = fake.WithEngine(e => e.Orders.Values.Select(o => $"{o.ClientOrderId}:{o.Status}:{o.Price}").ToArray());
        Assert.True(fake.WithEngine(e => e.OpenOrders.Count) == 1,
            $"orders {string.Join(",", all)}; arms {venue.Heartbeat.Arms} failures {venue.Heartbeat.Failures}; reports {string.Join(",", sink.Reports.Select(r => $"{r.Kind}/{r.Reason}"))}; log {string.Join(" | ", log)}");
        int cancelled = await venue.ShutdownAsync(CancellationToken.None);
        long lastDeadline = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)Countdown.TotalMilliseconds; // no arm after the shutdown

        Assert.True(cancelled == 1, string.Join(" | ", log));
        Assert.Empty(fake.WithEngine(e => e.OpenOrders.ToArray()));
        await Pump(desk, () => desk.Orders.TryGet(first, out _) == false, "the cancel report");
        var later = await RestAsync(desk, bid - 200); // placed after the disarm: the countdown must not kill it
        // Past the deadline of any arm the fake has seen (no fixed sleep a stalled fake ticker could outlast): a countdown
        // still armed would have cancelled the later order by then.
        await FuturesGatewayHarness.Until(() => fake.TimersCheckedAtMs > lastDeadline, "the fake's clock past the last countdown", 60_000);
        Assert.Equal(session.Format(later), Assert.Single(fake.WithEngine(e => e.OpenOrders.ToArray())).ClientOrderId);
    }

    private static async Task<ClientOrderId> RestAsync(TradingDesk desk, long price)
    {
        var r = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Limit, PriceTicks = price, QuantityLots = 1000, TimeNs = 1 };
        Assert.True(desk.Orders.TryCreate(ref r));
        Assert.True(desk.Gateway.Submit(in r));
        var id = r.ClientOrderId;
        await Pump(desk, () => desk.Orders.TryGet(id, out var o) && o.Status == OrderStatus.New, "the ack");
        return id;
    }

    private static async Task Pump(TradingDesk desk, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var tick = default(Core.Events.MarketEvent);
            desk.OnMarketEvent(in tick);
            if (condition()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
