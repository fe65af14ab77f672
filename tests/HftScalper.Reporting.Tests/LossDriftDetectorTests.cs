using HftScalper.Reporting;

namespace HftScalper.Reporting.Tests;

public sealed class LossDriftDetectorTests
{
    // A per-decision log-loss around 1.0 with a spread like a 3-class model's (exponential-ish, always positive).
    private static double Loss(Random r, double mean) => mean * -Math.Log(1 - r.NextDouble());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stationary_noise_raises_no_alarm(int seed)
    {
        var r = new Random(seed);
        var d = new LossDriftDetector();
        for (int i = 0; i < 300_000; i++) d.Add(Loss(r, 1.0));
        Assert.True(d.Armed);
        Assert.Equal(0, d.Alarms);
    }

    [Fact]
    public void Overlapping_outcomes_correlated_over_a_horizon_raise_no_alarm()
    {
        // Each decision's loss shares most of its window with its neighbours' (an 8-decision horizon).
        var r = new Random(7);
        var window = new Queue<double>();
        double sum = 0;
        var d = new LossDriftDetector();
        for (int i = 0; i < 300_000; i++)
        {
            double x = Loss(r, 1.0);
            window.Enqueue(x);
            sum += x;
            if (window.Count > 8) sum -= window.Dequeue();
            d.Add(sum / window.Count);
        }
        Assert.Equal(0, d.Alarms);
    }

    [Fact]
    public void A_lasting_rise_of_the_loss_alarms_soon_after_it_starts_and_an_improvement_does_not()
    {
        var r = new Random(11);
        var worse = new LossDriftDetector();
        var better = new LossDriftDetector();
        const int shiftAt = 60_000;
        for (int i = 0; i < 120_000; i++)
        {
            worse.Add(Loss(r, i < shiftAt ? 1.0 : 1.25)); // two block spreads (block sd = 1/8)
            better.Add(Loss(r, i < shiftAt ? 1.0 : 0.75));
        }
        Assert.InRange(worse.FirstAlarmAtDecision, shiftAt, shiftAt + 64 * 40);
        Assert.Equal(0, better.Alarms);
    }

    [Fact]
    public void Non_finite_losses_are_ignored_and_nothing_is_judged_before_the_reference_is_set()
    {
        var d = new LossDriftDetector(blockSize: 2, referenceBlocks: 3);
        Assert.False(d.Add(double.NaN));
        Assert.False(d.Add(double.PositiveInfinity));
        for (int i = 0; i < 6; i++) d.Add(1.0);
        Assert.Equal(3, d.Blocks);
        Assert.True(d.Armed);
        Assert.Equal(0, d.Statistic);
        // Constant reference: any rise counts as a full threshold, so two rising blocks alarm.
        d.Add(2); d.Add(2);
        Assert.Equal(0, d.Alarms);
        Assert.Equal(11.25, d.Statistic, 12);
        d.Add(2);
        Assert.True(d.Add(2));
        Assert.Equal(1, d.Alarms);
        Assert.Equal(9, d.FirstAlarmAtDecision);
        Assert.False(d.Armed); // restarted on a new reference
    }

    [Fact]
    public void Horizon_stats_feed_their_log_loss_to_the_drift_test()
    {
        var h = new HorizonStats(2_000_000_000);
        for (int i = 0; i < 64 * 3; i++) h.Add(0.2f, 0.5f, 0.3f, 1, 0);
        Assert.Equal(3, h.Drift.Blocks);
        var summary = RunStatistics.SummarizeHorizon(h, 0);
        Assert.Equal((3L, 64, 0L, -1L), (summary.Drift.Blocks, summary.Drift.BlockSize, summary.Drift.Alarms, summary.Drift.FirstAlarmAtLabel));
    }
}
