using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;

namespace HftScalper.Inference.Tests.Calibration;

/// <summary>
/// The per-symbol move-prior correction: a 2 s model sampled every 250 ms, any move counts. Crafted books whose
/// realised move share at 2 s is known by construction.
/// </summary>
public sealed class MovePriorTrackerTests
{
    private const long Ms = 1_000_000;
    private const long Interval = 250 * Ms, Horizon = 2_000 * Ms;
    private static readonly MoveThreshold AnyMove = new(0, false);

    private static MovePriorTracker Tracker(MovePriorOptions? o = null) => new(Horizon, Interval, AnyMove, o);

    [Fact]
    public void Offset_stays_zero_until_a_sample_one_horizon_old_exists()
    {
        var t = Tracker();
        for (long ms = 0; ms < 2_000; ms += 250) t.OnDecision(ms * Ms, 100 + ms, 0.9f);

        Assert.Equal(0, t.Observations);
        Assert.Equal(0, t.Offset);
        t.OnDecision(2_000 * Ms, 100, 0.9f);
        Assert.Equal(1, t.Observations);
    }

    [Fact]
    public void A_flat_book_pulls_an_overconfident_move_probability_below_flat_and_keeps_the_direction_split()
    {
        var t = Tracker();
        for (long ms = 0; ms < 300_000; ms += 250) t.OnDecision(ms * Ms, 1_000, 0.8f);

        Assert.True(t.Offset < -2.5, $"offset {t.Offset}");
        float[] row = [0.2f, 0.2f, 0.6f];
        MoveShift.Apply(row, t.Offset);
        Assert.True(row[1] > 0.9f, $"flat {row[1]}");
        Assert.Equal(0.75f, row[2] / (row[0] + row[2]), 5);
        Assert.Equal(1f, row[0] + row[1] + row[2], 5);
    }

    [Fact]
    public void Realised_share_is_the_share_of_samples_whose_mid_moved_over_one_horizon()
    {
        // The mid steps every 4 s: a sample at t sees a move since t - 2 s for t in [4k, 4k + 2): 8 of every 16 samples.
        var t = Tracker(new MovePriorOptions { HalfLifeSamples = 1e12, PriorSamples = 0 });
        for (long ms = 0; ms < 400_000; ms += 250) t.OnDecision(ms * Ms, 1_000 + ms / 4_000, 0.5f);

        Assert.Equal(0.5, t.RealisedShare, 2);
        Assert.Equal(0.5, t.PredictedShare, 6);
        Assert.InRange(t.Offset, -0.02, 0); // the first window (2-4 s, no step) is a little short of half
    }

    [Fact]
    public void A_book_that_moves_more_than_predicted_is_left_alone_unless_raises_are_allowed()
    {
        var lower = Tracker();
        var both = Tracker(new MovePriorOptions { MaxRaise = 4 });
        for (long ms = 0; ms < 120_000; ms += 250)
        {
            lower.OnDecision(ms * Ms, 1_000 + ms / 250, 0.3f);
            both.OnDecision(ms * Ms, 1_000 + ms / 250, 0.3f);
        }

        Assert.Equal(0, lower.Offset);
        Assert.True(both.Offset > 2, $"offset {both.Offset}");
    }

    [Fact]
    public void Only_the_first_decision_of_each_clock_tick_is_a_sample_and_bad_input_is_ignored()
    {
        var t = Tracker();
        Assert.True(t.OnDecision(0, 1_000, 0.5f));
        Assert.False(t.OnDecision(100 * Ms, 1_001, 0.5f));     // same 250 ms tick
        Assert.False(t.OnDecision(300 * Ms, 1_001, float.NaN)); // not a probability
        Assert.False(t.OnDecision(300 * Ms, 0, 0.5f));          // not a mid
        Assert.True(t.OnDecision(300 * Ms, 1_001, 0.5f));
    }

    [Fact]
    public void Same_decisions_give_the_same_offsets()
    {
        var a = Tracker();
        var b = Tracker();
        var rng = new Random(7);
        for (long ms = 0; ms < 60_000; ms += 50)
        {
            double mid = 1_000 + rng.Next(3);
            float p = (float)rng.NextDouble();
            a.OnDecision(ms * Ms, mid, p);
            b.OnDecision(ms * Ms, mid, p);
            Assert.Equal(a.Offset, b.Offset);
        }
        Assert.NotEqual(0, a.Observations);
    }

    [Fact]
    public void A_zero_offset_leaves_a_row_untouched()
    {
        float[] row = [0.3f, 0.3f, 0.4f];
        MoveShift.Apply(row, 0);
        Assert.Equal([0.3f, 0.3f, 0.4f], row);
    }
}
