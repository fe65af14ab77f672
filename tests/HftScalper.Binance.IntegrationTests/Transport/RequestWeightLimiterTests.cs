using HftScalper.Binance.Transport;

namespace HftScalper.Binance.IntegrationTests.Transport;

public sealed class RequestWeightLimiterTests
{
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset MinuteStart = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(100, 5)]
    [InlineData(101, 25)]
    [InlineData(500, 25)]
    [InlineData(1000, 50)]
    [InlineData(1001, 250)]
    [InlineData(5000, 250)]
    public void Weighs_depth_snapshots_by_limit(int limit, int weight) =>
        Assert.Equal(weight, RequestWeightLimiter.DepthWeight(limit));

    [Fact]
    public void Waits_for_the_next_minute_when_the_budget_is_spent()
    {
        var time = new ManualTime(MinuteStart.AddSeconds(50));
        var limiter = new RequestWeightLimiter(100, time);

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(50));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(50));
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.TryAcquire(50));

        time.Now = MinuteStart.AddMinutes(1);
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(50));
        Assert.Equal(50, limiter.UsedWeight);
    }

    [Fact]
    public void Adopts_the_servers_used_weight()
    {
        var time = new ManualTime(MinuteStart);
        var limiter = new RequestWeightLimiter(6000, time);

        limiter.ObserveUsedWeight(5990);

        Assert.True(limiter.TryAcquire(50) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(5));
    }

    [Fact]
    public void Pauses_every_request_after_a_rate_limit_answer()
    {
        var time = new ManualTime(MinuteStart);
        var limiter = new RequestWeightLimiter(6000, time);

        limiter.Pause(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), limiter.TryAcquire(5));
        time.Now = MinuteStart.AddSeconds(30);
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(5));
    }
}
