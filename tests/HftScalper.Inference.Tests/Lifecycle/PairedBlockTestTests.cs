using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class PairedBlockTestTests
{
    [Fact]
    public void Block_means_give_the_mean_standard_error_and_z_by_hand()
    {
        var t = new PairedBlockTest(blockSize: 2);
        foreach (var d in new double[] { 1, 1, 0, 0, 1, 1, 1, -1, 1 }) t.Add(d); // blocks 1, 0, 1, 0 and one partial
        var r = t.Result;
        Assert.Equal(4, r.Blocks);
        Assert.Equal(0.5, r.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(1.0 / 3 / 4), r.StandardError, 12); // sample variance of {1,0,1,0} is 1/3
        Assert.Equal(0.5 / Math.Sqrt(1.0 / 12), r.Z, 10);
        Assert.Equal(0.041632, r.PValueBetter, 5); // 1 - Phi(1.7320508)
        Assert.Equal(1 - r.PValueBetter, r.PValueWorse, 12);
    }

    [Fact]
    public void Fewer_than_two_blocks_decide_nothing()
    {
        var t = new PairedBlockTest(blockSize: 3);
        for (int i = 0; i < 5; i++) t.Add(1);
        Assert.Equal(1, t.Result.Blocks);
        Assert.True(double.IsNaN(t.Result.Z));
        Assert.True(double.IsNaN(t.Result.PValueBetter));
        Assert.False(new ShadowPromotionRule(MinResolved: 0, MinBlocks: 0).Recommends(new ShadowStats(5, 5, 5, 0, 5, 5, 0) { AccuracyTest = t.Result, LogLossTest = t.Result }));
    }

    [Fact]
    public void Identical_differences_are_certain_and_all_zero_is_no_evidence()
    {
        var up = new PairedBlockTest(2);
        var flat = new PairedBlockTest(2);
        for (int i = 0; i < 8; i++) { up.Add(0.5); flat.Add(0); }
        Assert.Equal(0, up.Result.PValueBetter);
        Assert.Equal(0, flat.Result.Z);
        Assert.Equal(0.5, flat.Result.PValueBetter, 7); // the erfc fit is good to ~1e-7
        up.Clear();
        Assert.Equal(0, up.Result.Blocks);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1.959963985, 0.975)]
    [InlineData(-2.326347874, 0.01)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(double.NegativeInfinity, 0)]
    public void The_normal_distribution_matches_tables(double z, double p) =>
        Assert.Equal(p, new PairedTestResult(2, z, 1).PValueWorse, 6);
}
