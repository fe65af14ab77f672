using HftScalper.Trading.Economics;

namespace HftScalper.Trading.Tests.Economics;

/// <summary>Hand-computed: what the EV gate's statistics report for a few crafted decisions.</summary>
public sealed class EdgeStatisticsTests
{
    private static EdgeEstimate Edge(double move, double makerFees = 7, double takerFees = 10, double spread = 2, double slip = 0.5, double adverse = 1) =>
        new()
        {
            ExpectedMoveBps = move, MakerFeesBps = makerFees, TakerFeesBps = takerFees, TakerSpreadBps = spread, SlippageBps = slip,
            AdverseSelectionBps = adverse, HalfSpreadBps = spread / 2,
        };

    [Fact]
    public void Counts_the_cost_of_the_judged_route_and_the_move_s_percentiles()
    {
        var stats = new EdgeStatistics(2);
        // Maker judged: cost 7 + 1 = 8; taker judged: 10 + 2 + 0.5 = 12.5.
        stats.Record(0, Edge(1), EntryRoute.None, judgedMaker: true);
        stats.Record(0, Edge(2), EntryRoute.None, judgedMaker: true);
        stats.Record(1, Edge(3), EntryRoute.None, judgedMaker: false);
        stats.Record(1, Edge(9), EntryRoute.Maker, judgedMaker: false); // the route taken wins: maker, cost 8, covered
        stats.Record(1, Edge(20), EntryRoute.Taker, judgedMaker: true); // taker, cost 12.5, covered

        var f = stats.Figures(i => i == 0 ? "A" : "B");
        Assert.Equal(5, f.Decisions);
        Assert.Equal(2, f.Cleared);
        Assert.Equal(2, f.CoversCost);
        Assert.Equal(3, f.MakerJudged);
        Assert.Equal(7.0, f.MoveMeanBps, 9);
        Assert.Equal(3.0, f.MoveP50Bps, 6); // the 3rd of 5
        Assert.Equal(20.0, f.MoveP90Bps, 6); // ceil(4.5) = the 5th
        Assert.Equal(20.0, f.MoveMaxBps);
        Assert.Equal((8 + 8 + 12.5 + 8 + 12.5) / 5, f.CostMeanBps, 9);
        Assert.Equal(8.0, f.CostP50Bps, 6);
        Assert.Equal((7 + 7 + 10 + 7 + 10) / 5.0, f.FeesMeanBps, 9);
        Assert.Equal((2 + 2) / 5.0, f.SpreadMeanBps, 9);
        Assert.Equal(3 / 5.0, f.AdverseSelectionMeanBps, 9);
        Assert.Equal(1.0, f.HalfSpreadMeanBps, 9);
        Assert.Equal(["A", "B"], f.BySymbol.Select(s => s.Symbol));
        Assert.Equal(1.5, f.BySymbol[0].MoveMeanBps, 9);
        Assert.Equal(0, f.BySymbol[0].Cleared);
        Assert.Equal(2, f.BySymbol[1].Cleared);
        Assert.Equal(20.0, f.BySymbol[1].MoveMaxBps);
    }

    [Fact]
    public void Negative_moves_and_non_finite_estimates_do_not_break_it()
    {
        var stats = new EdgeStatistics(1);
        stats.Record(0, Edge(-0.5), EntryRoute.None, judgedMaker: true);
        stats.Record(0, Edge(-250), EntryRoute.None, judgedMaker: true); // beyond the histogram: the edge bucket, max exact
        stats.Record(0, Edge(double.NaN), EntryRoute.None, judgedMaker: true); // ignored
        stats.Record(5, Edge(0.25), EntryRoute.None, judgedMaker: true); // unknown symbol: counted in the run only
        var f = stats.Figures(_ => "A");
        Assert.Equal(3, f.Decisions);
        Assert.Equal(0.25, f.MoveMaxBps);
        Assert.Equal(-0.5, f.MoveP50Bps, 6);
        var low = new EdgeStatistics(1);
        low.Record(0, Edge(-250), EntryRoute.None, judgedMaker: true);
        Assert.Equal(-EdgeStatistics.MoveRangeBps, low.Figures(_ => "A").MoveP50Bps, 6); // clamped to the range
        Assert.Equal(-250, low.Figures(_ => "A").MoveMaxBps);
        Assert.Equal(2, f.BySymbol.Single().Decisions);
        Assert.Empty(new EdgeStatistics(3).Figures(_ => "A").BySymbol);
    }
}
