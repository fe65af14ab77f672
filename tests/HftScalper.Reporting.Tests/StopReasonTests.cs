using HftScalper.Reporting;
using HftScalper.Trading.Risk;

namespace HftScalper.Reporting.Tests;

public sealed class StopReasonTests
{
    private const long Second = 1_000_000_000;

    private static VerdictRecorder Run(params (RiskVerdict Verdict, int Count)[] after)
    {
        var v = new VerdictRecorder();
        v.Record(0, RiskVerdict.Accept);
        long t = 1;
        foreach (var (verdict, count) in after)
            for (int i = 0; i < count; i++) v.Record(t++ * Second, verdict);
        return v;
    }

    [Fact]
    public void The_kelly_terms_count_as_one_reason_and_the_verdict_names_the_most_frequent()
    {
        // 40 + 30 Kelly refusals beat 50 fee refusals; the win rate refused most.
        var reason = StopReason.Of(Run((RiskVerdict.NoEdge, 30), (RiskVerdict.NoEdgeWinRate, 40), (RiskVerdict.EdgeBelowFees, 50)));
        Assert.Equal(("noEdge", "noEdgeWinRate"), (reason.Code, reason.Verdict));
        Assert.Contains("win rate", reason.Text, StringComparison.Ordinal);
        Assert.Contains("70 refusals", reason.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RiskVerdict.NoEdge, "noEdge", "signal's probability")]
    [InlineData(RiskVerdict.NoEdgePayoff, "noEdgePayoff", "payoff ratio")]
    public void Each_kelly_term_is_reported_as_no_edge(RiskVerdict verdict, string name, string says)
    {
        var reason = StopReason.Of(Run((verdict, 200), (RiskVerdict.EdgeBelowFees, 50)));
        Assert.Equal(("noEdge", name), (reason.Code, reason.Verdict));
        Assert.Contains(says, reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_verdicts_still_compete_one_by_one()
    {
        var reason = StopReason.Of(Run((RiskVerdict.NoEdgeWinRate, 20), (RiskVerdict.EdgeBelowFees, 50), (RiskVerdict.EdgeBelowSpread, 40)));
        Assert.Equal(("edgeBelowCost", "edgeBelowFees"), (reason.Code, reason.Verdict));
    }

    [Fact]
    public void An_entry_window_that_ended_is_named()
    {
        var reason = StopReason.Of(Run((RiskVerdict.OutsideEntryWindow, 60), (RiskVerdict.EdgeBelowFees, 50)));
        Assert.Equal(("entryWindow", "outsideEntryWindow"), (reason.Code, reason.Verdict));
        Assert.Contains("entry window", reason.Text, StringComparison.Ordinal);
    }
}
