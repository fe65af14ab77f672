using HftScalper.Inference.Calibration;

namespace HftScalper.Inference.Tests.Calibration;

/// <summary>
/// The move prior's cold start (<see cref="MovePriorOptions.ColdOffset"/>): a 2 s model sampled every 250 ms, any move
/// counts, 4 pseudo-samples, no forgetting. Expected offsets are hand-computed: with c = sigmoid(logit(p) + cold), after
/// k resolved pairs of which m moved the realised share is (m + 4c) / (k + 4) and the offset its logit minus logit(p).
/// </summary>
public sealed class MovePriorColdStartTests
{
    private const long Ms = TwoSecondTracker.Ms;
    private static readonly MovePriorOptions Cold = new() { HalfLifeSamples = 1e12, PriorSamples = 4, ColdOffset = -1 };

    private static MovePriorTracker Tracker(MovePriorOptions o) => TwoSecondTracker.New(o);

    /// <summary>A flat book, or one whose mid steps up at every sample.</summary>
    private static void Feed(MovePriorTracker t, long fromMs, long untilMs, bool moving, float pMove = 0.5f) =>
        TwoSecondTracker.Feed(t, fromMs, untilMs, ms => moving ? 1_000 + ms / 250 : 1_000, pMove);

    [Fact]
    public void A_cold_symbol_starts_at_the_cold_offset_and_a_flat_book_pulls_it_further_down_by_the_count()
    {
        var t = Tracker(Cold);
        Assert.Equal(-1, t.Offset);
        Feed(t, 0, 2_000, moving: false);
        Assert.Equal(0, t.Observations);
        Assert.Equal(-1, t.Offset); // nothing resolved yet: the cold share alone

        // c = sigmoid(-1) = 0.268941...; k = 1: 4c / 5 = 0.215153 -> logit -1.294139
        Feed(t, 2_000, 2_250, moving: false);
        Assert.Equal(1, t.Observations);
        Assert.Equal(-1.294138579499121, t.Offset, 9);
        Feed(t, 2_250, 3_000, moving: false); // k = 4: 4c / 8 -> -1.861995
        Assert.Equal(4, t.Observations);
        Assert.Equal(-1.861994804058251, t.Offset, 9);
        Feed(t, 3_000, 4_000, moving: false); // k = 8: 4c / 12 -> -2.317951
        Assert.Equal(-2.3179509792964157, t.Offset, 9);
    }

    [Fact]
    public void A_moving_book_earns_its_moves_back_as_pairs_resolve()
    {
        var t = Tracker(Cold);
        Feed(t, 0, 2_250, moving: true); // k = 1, one move: (1 + 4c) / 5 = 0.415153 -> -0.342703
        Assert.Equal(-0.34270258293403294, t.Offset, 9);
        Feed(t, 2_250, 2_500, moving: true); // k = 2: (2 + 4c) / 6 = 0.512628 -> +0.0505, clamped to MaxRaise 0
        Assert.Equal(0, t.Offset);
    }

    [Fact]
    public void Without_a_cold_offset_the_correction_starts_at_zero_and_shrinks_toward_the_models_share()
    {
        var t = Tracker(Cold with { ColdOffset = 0 });
        Feed(t, 0, 2_000, moving: false);
        Assert.Equal(0, t.Offset);
        Feed(t, 2_000, 2_250, moving: false); // k = 1: (0 + 4 * 0.5) / 5 = 0.4 -> logit -0.405465
        Assert.Equal(Math.Log(0.4 / 0.6), t.Offset, 12);
    }

    [Fact]
    public void The_cold_offset_scales_with_the_models_own_share_and_leaves_the_measured_shares_alone()
    {
        var cold = Tracker(Cold with { ColdOffset = -2, PriorSamples = 40 });
        var warm = Tracker(Cold with { PriorSamples = 40, ColdOffset = 0 });
        Feed(cold, 0, 2_000 + 250 * 40, moving: false, pMove: 0.8f); // 40 pairs
        Feed(warm, 0, 2_000 + 250 * 40, moving: false, pMove: 0.8f);

        // c = sigmoid(logit(0.8) - 2) = 0.351214; (0 + 40c) / 80 = 0.175607 -> logit - logit(0.8) = -2.932692
        Assert.Equal(40, cold.Observations);
        Assert.Equal(-2.93269194678183, cold.Offset, 6); // 0.8f is not 0.8: 6 places
        Assert.Equal(warm.RealisedShare, cold.RealisedShare);
        Assert.Equal(warm.PredictedShare, cold.PredictedShare);
        Assert.True(warm.Offset > cold.Offset, $"warm {warm.Offset}, cold {cold.Offset}");
    }

    [Fact]
    public void Same_stream_same_offsets()
    {
        var a = Tracker(Cold with { HalfLifeSamples = 240, PriorSamples = 40, ColdOffset = -0.5 });
        var b = Tracker(Cold with { HalfLifeSamples = 240, PriorSamples = 40, ColdOffset = -0.5 });
        var rng = new Random(7);
        double mid = 1_000;
        for (long ms = 0; ms < 60_000; ms += 100)
        {
            mid += rng.Next(3) - 1;
            float p = (float)rng.NextDouble();
            a.OnDecision(ms * Ms, mid, p);
            b.OnDecision(ms * Ms, mid, p);
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Offset), BitConverter.DoubleToInt64Bits(b.Offset));
        }
        Assert.True(a.Observations > 200);
    }

    [Fact]
    public void Out_of_range_cold_offsets_are_refused_and_the_json_of_older_settings_is_unchanged()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovePriorOptions { ColdOffset = -5 }.Validate()); // below -MaxOffset
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovePriorOptions { ColdOffset = 0.5 }.Validate()); // above MaxRaise 0
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovePriorOptions { ColdOffset = double.NaN }.Validate());
        Assert.Throws<FormatException>(() => MovePriorOptions.Parse("""{"maxOffset": 0, "coldOffset": -1}"""));

        Assert.DoesNotContain("cold", new MovePriorOptions().ToJson(), StringComparison.Ordinal);
        Assert.Equal(0, MovePriorOptions.Parse("""{"halfLifeSamples": 240}""").ColdOffset);
        var o = new MovePriorOptions { ColdOffset = -0.5, Gate = new BaselineGateOptions() };
        Assert.Contains("\"coldOffset\":-0.5", o.ToJson(), StringComparison.Ordinal);
        Assert.Equal(o, MovePriorOptions.Parse(o.ToJson()));
    }
}
