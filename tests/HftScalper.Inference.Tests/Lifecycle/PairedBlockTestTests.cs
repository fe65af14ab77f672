using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class PairedBlockTestTests
{
    [Fact]
    public void Block_means_give_the_mean_standard_error_and_t_by_hand()
    {
        var t = new PairedBlockTest(blockNs: 10);
        // Decision times put these in blocks {1,1}, {0,0}, {1,1,1}, {-1,1} and an open {1}: means 1, 0, 1, 0.
        (double d, long ns)[] outcomes = [(1, 0), (1, 9), (0, 10), (0, 15), (1, 20), (1, 21), (1, 29), (-1, 30), (1, 31), (1, 40)];
        foreach (var (d, ns) in outcomes) t.Add(d, ns);
        var r = t.Result;
        Assert.Equal(4, r.Blocks);
        Assert.Equal(0.5, r.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(1.0 / 3 / 4), r.StandardError, 12); // sample variance of {1,0,1,0} is 1/3
        Assert.Equal(Math.Sqrt(3), r.T, 10);
        Assert.Equal(0.0908, r.PValueBetter, 4); // Student's t, 3 degrees of freedom: P(T > 1.732) = 0.0908
        Assert.Equal(1 - r.PValueBetter, r.PValueWorse, 12);
    }

    [Fact]
    public void Fewer_than_two_blocks_decide_nothing()
    {
        var t = new PairedBlockTest(blockNs: 3);
        for (int i = 0; i < 5; i++) t.Add(1, i);
        Assert.Equal(1, t.Result.Blocks);
        Assert.True(double.IsNaN(t.Result.T));
        Assert.True(double.IsNaN(t.Result.PValueBetter));
        Assert.False(new ShadowPromotionRule(MinResolved: 0, MinBlocks: 0).Recommends(new ShadowStats(5, 5, 5, 0, 5, 5, 0) { AccuracyTest = t.Result, LogLossTest = t.Result }));
    }

    [Fact]
    public void Identical_differences_are_certain_all_zero_is_no_evidence_and_non_finite_ones_are_ignored()
    {
        var up = new PairedBlockTest(2);
        var flat = new PairedBlockTest(2);
        for (int i = 0; i < 9; i++) { up.Add(0.5, i); flat.Add(0, i); up.Add(double.NaN, i); }
        Assert.Equal(4, up.Result.Blocks);
        Assert.Equal(0.5, up.Result.MeanDifference);
        Assert.Equal(0, up.Result.PValueBetter);
        Assert.Equal(0, flat.Result.T);
        Assert.Equal(0.5, flat.Result.PValueBetter, 12);
        up.Clear();
        Assert.Equal(0, up.Result.Blocks);
    }

    [Theory]
    [InlineData(0, 10, 0.5)]
    [InlineData(2.228138852, 10, 0.975)]   // t tables: 97.5 % point at 10 degrees of freedom
    [InlineData(-2.539483191, 19, 0.01)]   // 1 % point at 19
    [InlineData(1.962339081, 1000, 0.975)] // near the normal
    [InlineData(double.PositiveInfinity, 5, 1)]
    [InlineData(double.NegativeInfinity, 5, 0)]
    public void Student_t_matches_tables(double t, long degrees, double p) =>
        Assert.Equal(p, new PairedTestResult(degrees + 1, t, 1).PValueWorse, 6);

    [Fact]
    public void A_block_lasts_five_horizons_and_at_least_ten_seconds()
    {
        Assert.Equal(10_000_000_000, OutcomeBlocks.DurationFor(2_000_000_000));
        Assert.Equal(150_000_000_000, OutcomeBlocks.DurationFor(30_000_000_000));
    }
}
