using System.Net.Http.Headers;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Tests.Rest;

namespace HftScalper.Binance.Tests.Limits;

public sealed class RateLimitTrackerTests
{
    // 10:00:00.000 UTC on some day: minute and 10 s windows start here.
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static RateLimitTracker Spot(ManualTime time) => new(
        [
            new RateLimitRule(RateLimitType.RequestWeight, 'M', 1, 6000),
            new RateLimitRule(RateLimitType.Orders, 'S', 10, 50),
            new RateLimitRule(RateLimitType.Orders, 'D', 1, 160000),
        ], time);

    [Fact]
    public void Orders_beyond_the_ten_second_limit_are_refused_until_the_window_rolls()
    {
        var time = new ManualTime(Start + TimeSpan.FromSeconds(3));
        var tracker = Spot(time);
        for (int i = 0; i < 50; i++) Assert.Equal(TimeSpan.Zero, tracker.TryAcquire(1, 1));

        var wait = tracker.TryAcquire(1, 1);

        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.Equal(50, tracker.Used(RateLimitType.Orders, "10S"));
        Assert.Equal(50, tracker.Used(RateLimitType.RequestWeight, "1M")); // the refused request counted nothing
        time.Now += wait;
        Assert.Equal(TimeSpan.Zero, tracker.TryAcquire(1, 1));
        Assert.Equal(51, tracker.Used(RateLimitType.Orders, "1D"));
    }

    [Fact]
    public void Server_headers_replace_the_local_counts()
    {
        var time = new ManualTime(Start);
        var tracker = Spot(time);
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-MBX-USED-WEIGHT-1M", "5999");
        response.Headers.Add("X-MBX-ORDER-COUNT-10S", "7");
        response.Headers.Add("X-MBX-ORDER-COUNT-1D", "1234");

        tracker.Observe(response.Headers);

        Assert.Equal(5999, tracker.Used(RateLimitType.RequestWeight, "1M"));
        Assert.Equal(7, tracker.Used(RateLimitType.Orders, "10S"));
        Assert.Equal(1234, tracker.Used(RateLimitType.Orders, "1D"));
        Assert.Equal(TimeSpan.Zero, tracker.TryAcquire(1, 0));
        Assert.Equal(TimeSpan.FromMinutes(1), tracker.TryAcquire(1, 0)); // 6000 used: wait for the next minute
    }

    [Fact]
    public void A_ban_refuses_everything_until_it_ends_and_a_pause_until_retry_after()
    {
        var time = new ManualTime(Start);
        var tracker = Spot(time);

        tracker.Ban(TimeSpan.FromSeconds(120));

        Assert.True(tracker.IsBanned);
        Assert.Equal(TimeSpan.FromSeconds(120), tracker.TryAcquire(1, 0));
        time.Now += TimeSpan.FromSeconds(120);
        Assert.False(tracker.IsBanned);
        tracker.Pause(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), tracker.TryAcquire(1, 0));
    }
}
