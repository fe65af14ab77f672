using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>The USD-M dead-man switch against the fake's <c>countdownCancelAll</c>: orders outlive the countdown while
/// the heartbeat runs, die when it stops, survive a clean disarm, and a heartbeat that cannot arm gates trading.</summary>
public sealed class CountdownHeartbeatTests
{
    private static readonly CountdownHeartbeatOptions Fast = new()
    {
        CountdownTime = TimeSpan.FromSeconds(2), // generous: a loaded machine can take most of a second per REST call
        Interval = TimeSpan.FromMilliseconds(250),
    };

    [Fact]
    public async Task Open_orders_survive_while_the_heartbeat_runs_and_are_cancelled_by_the_exchange_after_it_dies()
    {
        await using var h = await FuturesGatewayHarness.StartAsync();
        var heartbeat = new CountdownHeartbeat(h.Rest, [FuturesGatewayHarness.Symbol], Fast with { Log = h.Log.Enqueue });
        h.Gateway.Heartbeat = heartbeat;
        Assert.True(await heartbeat.StartAsync(CancellationToken.None));
        Assert.True(h.Gateway.StreamsUp);
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, 1000);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");

        await Task.Delay(TimeSpan.FromSeconds(3)); // longer than the countdown: re-armed all along
        Assert.Single(h.OpenVenueOrders());
        Assert.True(heartbeat.Arms >= 3);

        await heartbeat.DisposeAsync(); // the process "dies": nobody re-arms, nobody disarms
        Assert.False(h.Gateway.StreamsUp);
        await FuturesGatewayHarness.Until(() => h.OpenVenueOrders().Length == 0, "the exchange's countdown cancel", 8_000);
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
        var (bid, _) = h.BestBid();
        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, 1000);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

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
