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

    // The README main command's shape: 38 decisions before the first snapshot synced the book, then a flat signal on
    // every one (the model never called an entry). Its stop reason had been marketData (bookNotSynced).
    [Fact]
    public void Refusals_before_a_symbols_book_first_synced_are_not_why_a_flat_run_stopped()
    {
        var v = new VerdictRecorder();
        long t = 0;
        for (int i = 0; i < 38; i++) v.Record(t++ * Second, RiskVerdict.BookNotSynced, symbolId: 0);
        for (int i = 0; i < 1000; i++) v.Record(t++ * Second, RiskVerdict.NoAction, symbolId: 0);

        var reason = StopReason.Of(v);

        Assert.Equal("noSignal", reason.Code);
        Assert.Equal(38, v.SinceLastOrder(RiskVerdict.BookNotSynced));
        Assert.Equal(38, v.WarmupSinceLastOrder(RiskVerdict.BookNotSynced));
    }

    [Fact]
    public void A_symbol_whose_book_never_synced_still_stops_on_market_data()
    {
        var v = new VerdictRecorder();
        long t = 0;
        for (int i = 0; i < 20; i++) v.Record(t++ * Second, RiskVerdict.BookNotSynced, symbolId: 0);
        for (int i = 0; i < 500; i++)
        {
            v.Record(t++ * Second, RiskVerdict.NoAction, symbolId: 0);
            v.Record(t++ * Second, RiskVerdict.BookNotSynced, symbolId: 1); // never synced
        }

        var reason = StopReason.Of(v);

        Assert.Equal(("marketData", "bookNotSynced"), (reason.Code, reason.Verdict));
        Assert.Equal(20, v.WarmupSinceLastOrder(RiskVerdict.BookNotSynced));
    }

    [Fact]
    public void A_gap_after_the_book_synced_and_refusals_before_an_order_still_count()
    {
        var v = new VerdictRecorder();
        long t = 0;
        for (int i = 0; i < 10; i++) v.Record(t++ * Second, RiskVerdict.BookNotSynced, symbolId: 3);
        v.Record(t++ * Second, RiskVerdict.Accept, symbolId: 3);
        for (int i = 0; i < 5; i++) v.Record(t++ * Second, RiskVerdict.NoAction, symbolId: 3);
        for (int i = 0; i < 30; i++) v.Record(t++ * Second, RiskVerdict.FeedStale, symbolId: 3); // a gap mid-run
        for (int i = 0; i < 5; i++) v.Record(t++ * Second, RiskVerdict.NoAction, symbolId: 3);
        t += 1000; // long enough without orders that trading did not go on to the end

        v.Record(t * Second, RiskVerdict.NoAction, symbolId: 3);
        var reason = StopReason.Of(v);

        Assert.Equal(("marketData", "feedStale"), (reason.Code, reason.Verdict));
        Assert.Equal(0, v.WarmupSinceLastOrder(RiskVerdict.BookNotSynced));
        Assert.Equal(0, v.WarmupSinceLastOrder(RiskVerdict.FeedStale));
    }
}
