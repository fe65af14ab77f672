using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;

namespace HftScalper.Training.Tests;

public sealed class LabelTests
{
    private static (FeatureMatrix, DecisionSeries) Path(params (long T, double Mid)[] points)
    {
        var b = new DatasetBuilder(1, 0);
        foreach (var (t, mid) in points) b.Add(t, mid, true, [0f]);
        return (b.Samples, b.Decisions);
    }

    [Fact]
    public void Label_reads_the_mid_as_of_t_plus_horizon()
    {
        // Mid path: 100 at t=0, 103 at t=4, 99 at t=6, 101 at t=12 (seconds as ns units below).
        var (samples, path) = Path((0, 100), (4, 103), (6, 99), (12, 101));
        var labels = ForwardLabeler.Label(samples, path, 5, new MoveThreshold(1, false));
        // t=0: as of 5 -> 103 (+3, up); t=4: as of 9 -> 99 (-4, down); t=6: as of 11 -> 99 (0, flat); t=12: past the end.
        Assert.Equal([DirectionClass.Up, DirectionClass.Down, DirectionClass.Flat, DirectionClass.Unlabelled], labels.Classes);
        Assert.Equal([3f, -4f, 0f], labels.ForwardTicks[..3]);
        Assert.True(float.IsNaN(labels.ForwardTicks[3]));
        Assert.Equal([5L, 9, 11, 17], labels.EndTimesNs);
    }

    [Fact]
    public void Forward_move_in_bps_is_the_change_over_the_mid_at_t_and_class_means_average_it_per_true_class()
    {
        // Any move counts (0 ticks). t=0: 100 -> 103 (+300 bps, up); t=4: 103 -> 99 (-388.35 bps, down);
        // t=6: 99 -> 99 (flat); t=10: 99 -> 100 (+101.01 bps, up); t=12: 100 -> 100 (flat); t=30: past the end.
        var (samples, path) = Path((0, 100), (4, 103), (6, 99), (10, 99), (12, 100), (30, 100));
        var labels = ForwardLabeler.Label(samples, path, 5, new MoveThreshold(0, false));
        Assert.Equal([DirectionClass.Up, DirectionClass.Down, DirectionClass.Flat, DirectionClass.Up, DirectionClass.Flat, DirectionClass.Unlabelled], labels.Classes);
        Assert.Equal(300, labels.ForwardBps[0], 1e-3);
        Assert.Equal(-4 / 103.0 * 1e4, labels.ForwardBps[1], 1e-3);
        Assert.True(float.IsNaN(labels.ForwardBps[5]));
        var means = HftScalper.Training.Pipeline.ModelTrainer.ClassMeans(labels, [0, 1, 2, 3, 4, 5]);
        Assert.Equal(-4 / 103.0 * 1e4, means[DirectionClass.Down], 1e-3);
        Assert.Equal(0, means[DirectionClass.Flat], 9);
        Assert.Equal((300 + 10000 / 99.0) / 2, means[DirectionClass.Up], 1e-3);
    }

    [Fact]
    public void A_sample_whose_horizon_reaches_the_last_decision_exactly_is_labelled()
    {
        var (samples, path) = Path((0, 100), (5, 98), (6, 98));
        var labels = ForwardLabeler.Label(samples, path, 5, new MoveThreshold(1, false));
        Assert.Equal(DirectionClass.Down, labels.Classes[0]);
        Assert.Equal(DirectionClass.Unlabelled, labels.Classes[2]);
    }

    [Fact]
    public void Persistence_is_the_class_of_the_previous_horizon_move()
    {
        var (samples, path) = Path((0, 100), (3, 102), (8, 102), (9, 100), (20, 100));
        var labels = ForwardLabeler.Label(samples, path, 5, new MoveThreshold(1, false));
        // t=0 no history -> flat; t=3: vs t<=-2 none -> flat; t=8: vs as-of 3 (102) -> 0 flat; t=9: vs as-of 4 (102) -> -2 down.
        Assert.Equal([DirectionClass.Flat, DirectionClass.Flat, DirectionClass.Flat, DirectionClass.Down, DirectionClass.Flat], labels.Persistence);
    }

    [Fact]
    public void Threshold_in_basis_points_scales_with_the_mid()
    {
        var bps = MoveThreshold.Parse("2bps");
        Assert.Equal(20.0, bps.Ticks(100_000), 9);
        Assert.Equal(DirectionClass.Flat, bps.Classify(19, 100_000));
        Assert.Equal(DirectionClass.Up, bps.Classify(21, 100_000));
        Assert.Equal(new MoveThreshold(0.5, false), MoveThreshold.Parse("0.5ticks"));
        Assert.Throws<FormatException>(() => MoveThreshold.Parse("-1bps"));
        Assert.Throws<FormatException>(() => MoveThreshold.Parse("3"));
    }

    [Fact]
    public void Builder_samples_one_decision_per_clock_tick_and_skips_unsynced_and_non_finite_rows()
    {
        var b = new DatasetBuilder(1, 1_000);
        b.Add(100, 10, true, [1f]);      // tick 0: sampled
        b.Add(900, 11, true, [2f]);      // same tick: path only
        b.Add(1_000, 12, false, [3f]);   // unsynced: nowhere
        b.Add(1_500, 12, true, [float.NaN]); // tick 1: on the path, row rejected
        b.Add(2_100, 13, true, [5f]);    // tick 2: sampled
        Assert.Equal(2, b.Samples.Rows);
        Assert.Equal([100L, 2_100], b.Samples.TimesNs.ToArray());
        Assert.Equal(4, b.Decisions.Count);
        Assert.Equal(1, b.Unsynced);
        Assert.Equal(1, b.NonFiniteRows);
    }

    [Fact]
    public void Decision_path_rejects_time_going_backwards()
    {
        var s = new DecisionSeries();
        Assert.True(s.Add(10, 5));
        Assert.False(s.Add(9, 5));
        Assert.False(s.Add(11, double.NaN));
        Assert.Equal(2, s.Rejected);
        Assert.Equal(1, s.Count);
    }
}
