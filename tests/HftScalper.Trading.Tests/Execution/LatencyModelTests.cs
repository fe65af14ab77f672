using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Tests.Execution;

public sealed class LatencyModelTests
{
    [Fact]
    public void Same_seed_gives_the_same_delays()
    {
        var a = LatencyModel.LogNormal(500_000, 0.5, 50_000_000, seed: 42);
        var b = LatencyModel.LogNormal(500_000, 0.5, 50_000_000, seed: 42);
        var c = LatencyModel.LogNormal(500_000, 0.5, 50_000_000, seed: 43);
        long[] da = Enumerable.Range(0, 100).Select(_ => a.NextNs()).ToArray();
        Assert.Equal(da, Enumerable.Range(0, 100).Select(_ => b.NextNs()));
        Assert.NotEqual(da, Enumerable.Range(0, 100).Select(_ => c.NextNs()));
    }

    [Fact]
    public void Lognormal_draws_center_on_the_median_and_respect_the_cap()
    {
        var m = LatencyModel.LogNormal(1_000_000, 0.8, 5_000_000, seed: 7);
        long[] d = Enumerable.Range(0, 20_000).Select(_ => m.NextNs()).Order().ToArray();
        Assert.InRange(d[d.Length / 2], 950_000, 1_050_000);   // the median of 20k draws is within 5 %
        Assert.True(d[0] > 0 && d[^1] <= 5_000_000);
        Assert.Equal(5_000_000, d[^1]);                          // e^(0.8 z) > 5 happens for z > 2.01: ~2 % of draws
    }

    [Fact]
    public void Empirical_draws_only_recorded_values_and_constant_never_varies()
    {
        var e = LatencyModel.Empirical([100, 200, 300], seed: 1);
        var seen = Enumerable.Range(0, 300).Select(_ => e.NextNs()).ToHashSet();
        Assert.Equal([100L, 200, 300], seen.Order());
        var c = LatencyModel.Constant(123);
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(123, c.NextNs()));
    }
}
