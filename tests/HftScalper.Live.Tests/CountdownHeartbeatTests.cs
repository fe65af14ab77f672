using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>The USD-M dead-man switch against the fake's <c>countdownCancelAll</c>: orders outlive the countdown while
/// the heartbeat runs, die when it stops, survive a clean disarm, and a heartbeat that cannot arm gates trading.</summary>
public sealed class CountdownHeartbeatTests
{
    // 16 re-arms per countdown: only a heartbeat stalled for 4 s lets an order die while it runs (a loaded machine can
    // take most of a second per REST call). The tests wait on the fake's clock passing a deadline, never a fixed time.
    private static readonly CountdownHeartbeatOptions Fast = new()
    {
        CountdownTime = TimeSpan.FromSeconds(4),
        Interval = TimeSpan.FromMilliseconds(250),
    };

    // The latest deadline a countdown armed before now can have at the fake (same clock: both on this machine).
    private static long DeadlineOfArmsBeforeNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)Fast.CountdownTime.TotalMilliseconds;

    [Fact]
    public async Task Open_orders_survive_while_the_heartbeat_runs_and_are_cancelled_by_the_exchange_after_it_dies()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var heartbeat = new CountdownHeartbeat(h.Rest, [FuturesGatewayHarness.Symbol], Fast with { Log = h.Log.Enqueue });
        h.Gateway.Heartbeat = heartbeat;
        Assert.True(await heartbeat.StartAsync(CancellationToken.None));
        long firstDeadline = DeadlineOfArmsBeforeNow();
        Assert.True(h.Gateway.StreamsUp);
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, 1000);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");

        // Once the fake has checked its countdowns past the first arm's deadline, the order is alive only if re-arms
        // pushed that deadline on (at least 3 in the countdown's 4 s, where 16 are due).
        await FuturesGatewayHarness.Until(() => h.Fake.TimersCheckedAtMs > firstDeadline, "the fake's clock past the first countdown", 60_000);
        Assert.Single(h.OpenVenueOrders());
        Assert.True(heartbeat.Arms >= 3, $"arms {heartbeat.Arms}");

        await heartbeat.DisposeAsync(); // the process "dies": nobody re-arms, nobody disarms
        Assert.False(h.Gateway.StreamsUp);
        await FuturesGatewayHarness.Until(() => h.OpenVenueOrders().Length == 0, "the exchange's countdown cancel", 60_000);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the cancel report");
        Assert.Equal(ExecutionReportKind.Cancelled, h.Sink.Of(id)[^1].Kind);
        Assert.Equal(0, heartbeat.Failures);
    }

    [Fact]
    public async Task A_clean_stop_disarms_the_countdown_so_later_orders_are_not_cancelled()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var heartbeat = new CountdownHeartbeat(h.Rest, [FuturesGatewayHarness.Symbol], Fast);
        Assert.True(await heartbeat.StartAsync(CancellationToken.None));

        Assert.Equal(0, await h.Gateway.CancelAllAsync(CancellationToken.None));
        Assert.True(await heartbeat.StopAsync(disarm: true, CancellationToken.None));
        long lastDeadline = DeadlineOfArmsBeforeNow(); // re-arming has stopped
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, 1000);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        // Past the deadline of any arm the fake has seen: an armed countdown would have cancelled the order by then.
        await FuturesGatewayHarness.Until(() => h.Fake.TimersCheckedAtMs > lastDeadline, "the fake's clock past the last countdown", 60_000);

        Assert.Single(h.OpenVenueOrders());
        await heartbeat.DisposeAsync();
    }

    [Fact]
    public async Task A_heartbeat_that_cannot_arm_is_unhealthy_counts_the_failure_and_closes_the_trading_gate()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        await using var heartbeat = new CountdownHeartbeat(h.Rest, [FuturesGatewayHarness.Symbol, "NOSUCHUSDT"], Fast with { Log = h.Log.Enqueue });
        h.Gateway.Heartbeat = heartbeat;

        Assert.False(await heartbeat.StartAsync(CancellationToken.None));

        Assert.False(heartbeat.Healthy);
        Assert.False(h.Gateway.StreamsUp);
        Assert.True(heartbeat.Failures >= 1);
        Assert.Contains("NOSUCHUSDT", heartbeat.LastError, StringComparison.Ordinal);
        Assert.Contains(h.Log, l => l.Contains("countdown heartbeat: arming NOSUCHUSDT failed", StringComparison.Ordinal));
    }
}
