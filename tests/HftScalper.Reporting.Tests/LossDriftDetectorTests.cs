using HftScalper.Reporting;

namespace HftScalper.Reporting.Tests;

public sealed class LossDriftDetectorTests
{
    private const long Block = 10_000_000_000; // 10 s blocks, as for a 2 s horizon
    private const long Step = 100_000_000;     // a decision every 100 ms: 100 per block

    // A per-decision log-loss around `mean` with a spread like a 3-class model's (exponential: skewed, positive).
    private static double Loss(Random r, double mean) => mean * -Math.Log(1 - r.NextDouble());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stationary_noise_raises_no_alarm(int seed)
    {
        var r = new Random(seed);
        var d = new LossDriftDetector(Block);
        for (int i = 0; i < 300_000; i++) d.Add(Loss(r, 1.0), i * Step);
        Assert.True(d.Armed);
        Assert.Equal(2999, d.Blocks);
        Assert.Equal(0, d.Alarms);
    }

    [Fact]
    public void Overlapping_outcomes_correlated_over_a_horizon_raise_no_alarm()
    {
        // Each decision's loss shares most of its window with its neighbours' (a 20-decision horizon, 2 s).
        var r = new Random(7);
        var window = new Queue<double>();
        double sum = 0;
        var d = new LossDriftDetector(Block);
        for (int i = 0; i < 300_000; i++)
        {
            double x = Loss(r, 1.0);
            window.Enqueue(x);
            sum += x;
            if (window.Count > 20) sum -= window.Dequeue();
            d.Add(sum / window.Count, i * Step);
        }
        Assert.Equal(0, d.Alarms);
    }

    [Fact]
    public void A_lasting_rise_of_the_loss_alarms_soon_after_it_starts_and_an_improvement_does_not()
    {
        var r = new Random(11);
        var worse = new LossDriftDetector(Block);
        var better = new LossDriftDetector(Block);
        const int shiftAt = 100_000; // after the 60-block reference
        for (int i = 0; i < 200_000; i++)
        {
            worse.Add(Loss(r, i < shiftAt ? 1.0 : 1.25), i * Step); // 2.5 block spreads (block sd = 1/10)
            better.Add(Loss(r, i < shiftAt ? 1.0 : 0.75), i * Step);
        }
        Assert.InRange(worse.FirstAlarmAtDecision, shiftAt, shiftAt + 100 * 30);
        Assert.Equal(0, better.Alarms);
    }

    [Fact]
    public void Non_finite_losses_are_ignored_and_nothing_is_judged_before_the_reference_is_set()
    {
        var d = new LossDriftDetector(blockNs: 2, referenceBlocks: 3);
        Assert.False(d.Add(double.NaN, 0));
        Assert.False(d.Add(double.PositiveInfinity, 0));
        for (int t = 0; t < 6; t++) d.Add(1.0, t);
        d.Add(2, 6); // closes the third block
        Assert.Equal(3, d.Blocks);
        Assert.True(d.Armed);
        Assert.Equal(0, d.Statistic);
        // Constant reference: any rise counts as a full threshold (15), less the slack (1) per block.
        d.Add(2, 7);
        d.Add(2, 8); // closes {2,2}
        Assert.Equal(0, d.Alarms);
        Assert.Equal(14, d.Statistic, 12);
        d.Add(2, 9);
        Assert.True(d.Add(2, 10)); // closes {2,2}: 28 > 15
        Assert.Equal(1, d.Alarms);
        Assert.Equal(9, d.FirstAlarmAtDecision); // the last decision of the alarming block
        Assert.False(d.Armed); // restarted on a new reference
    }

    [Fact]
    public void Horizon_stats_feed_their_log_loss_to_the_drift_test_in_blocks_of_five_horizons()
    {
        var h = new HorizonStats(2_000_000_000);
        for (int i = 0; i <= 300; i++) h.Add(0.2f, 0.5f, 0.3f, 1, 0, i * Step); // 30 s of decisions
        Assert.Equal(3, h.Drift.Blocks);
        var summary = RunStatistics.SummarizeHorizon(h, 0);
        Assert.Equal((3L, 10.0, 0L, -1L), (summary.Drift.Blocks, summary.Drift.BlockSeconds, summary.Drift.Alarms, summary.Drift.FirstAlarmAtLabel));
    }

    [Fact]
    public void At_an_alarm_the_rise_start_estimates_where_the_loss_began_to_rise()
    {
        // 100 blocks at the reference loss, then a 50 % rise from block 100 (t = 1000 s).
        var r = new Random(11);
        var d = new LossDriftDetector(Block);
        long changeNs = 100 * Block, alarmRise = long.MinValue;
        for (int i = 0; i < 300_000 && alarmRise == long.MinValue; i++)
        {
            long t = i * Step;
            if (d.Add(Loss(r, t < changeNs ? 1.0 : 1.5), t)) alarmRise = d.RiseStartNs;
        }

        Assert.NotEqual(long.MinValue, alarmRise);
        Assert.True(Math.Abs(alarmRise - changeNs) <= 3 * Block, $"rise estimated at {alarmRise / 1e9} s, change at {changeNs / 1e9} s");
    }
}
