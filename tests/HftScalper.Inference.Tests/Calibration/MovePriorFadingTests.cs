using HftScalper.Inference.Calibration;

namespace HftScalper.Inference.Tests.Calibration;

/// <summary>
/// The move prior's fading pseudo-samples (<see cref="MovePriorOptions.PriorFades"/>): a 2 s model sampled every
/// 250 ms, any move counts. Expected offsets are hand-computed with a half-life of one sample (decay d = 1/2), 4
/// pseudo-samples and a cold offset of -1 on a flat book at P(move) 0.5: after k pairs the samples weigh
/// W = 2 − 2^(1−k), the pseudo-samples 4 · 2^−k, and the realised share is 4 · 2^−k · c / (W + 4 · 2^−k), c = sigmoid(−1).
/// </summary>
public sealed class MovePriorFadingTests
{
    private static readonly MovePriorOptions Fading = new() { HalfLifeSamples = 1, PriorSamples = 4, ColdOffset = -1, PriorFades = true };

    private static MovePriorTracker Tracker(MovePriorOptions o) => TwoSecondTracker.New(o);

    private static void Feed(MovePriorTracker t, long fromMs, long untilMs, Func<long, double> mid, float pMove = 0.5f) =>
        TwoSecondTracker.Feed(t, fromMs, untilMs, mid, pMove);

    private static double Flat(long ms) => 1_000;

    [Fact]
    public void Fading_pseudo_samples_lose_half_their_weight_per_pair_at_a_one_sample_half_life()
    {
        var t = Tracker(Fading);
        Feed(t, 0, 2_000, Flat);
        Assert.Equal(-1, t.Offset); // nothing resolved: the cold start as before
        Feed(t, 2_000, 2_250, Flat); // k = 1: W 1, pseudo 2: 2c / 3 = 0.179294 -> -1.521136
        Assert.Equal(-1.521136119802815, t.Offset, 9);
        Feed(t, 2_250, 2_500, Flat); // k = 2: W 1.5, pseudo 1: c / 2.5 -> -2.115738
        Assert.Equal(-2.115737859293575, t.Offset, 9);
        Feed(t, 2_500, 3_000, Flat); // k = 4: W 1.875, pseudo 0.25: 0.25c / 2.125 -> -3.421176
        Assert.Equal(-3.4211763183136816, t.Offset, 9);
    }

    [Fact]
    public void Without_fading_the_same_pseudo_samples_keep_their_weight()
    {
        var t = Tracker(Fading with { PriorFades = false });
        Feed(t, 0, 3_000, Flat); // k = 4: W 1.875, pseudo 4: 4c / 5.875 -> -1.495424
        Assert.Equal(4, t.Observations);
        Assert.Equal(-1.4954237137795297, t.Offset, 9);
    }

    [Fact]
    public void In_a_long_window_a_faded_prior_leaves_the_symbols_own_share_and_a_kept_one_does_not()
    {
        // The mid steps up once every 4 s, so half of the 2 s pairs moved; the model says P(move) 0.8.
        static double Steps(long ms) => 1_000 + ms / 4_000;
        var o = new MovePriorOptions { HalfLifeSamples = 10, PriorSamples = 40, ColdOffset = -4 };
        var faded = Tracker(o with { PriorFades = true });
        var kept = Tracker(o);
        var none = Tracker(o with { PriorSamples = 0 });
        foreach (var t in new[] { faded, kept, none }) Feed(t, 0, 600_000, Steps, 0.8f);

        Assert.True(none.Offset is < -0.5 and > -3, $"own share's correction {none.Offset}");
        Assert.Equal(none.Offset, faded.Offset, 9); // 40 · 2^-237 of pull is left
        // Kept: 40 pseudo-samples at sigmoid(logit(0.8) − 4) = 0.068 beside ~14.9 samples' weight: far from the own share.
        Assert.True(kept.Offset < none.Offset - 0.5, $"kept {kept.Offset}, own {none.Offset}");
    }

    [Fact]
    public void Fading_leaves_the_measured_shares_and_the_offset_before_any_pair_alone()
    {
        var faded = Tracker(Fading with { HalfLifeSamples = 240, PriorSamples = 40 });
        var kept = Tracker(Fading with { HalfLifeSamples = 240, PriorSamples = 40, PriorFades = false });
        Assert.Equal(kept.Offset, faded.Offset);
        Feed(faded, 0, 30_000, Flat, 0.7f);
        Feed(kept, 0, 30_000, Flat, 0.7f);
        Assert.Equal(kept.RealisedShare, faded.RealisedShare);
        Assert.Equal(kept.PredictedShare, faded.PredictedShare);
        Assert.Equal(kept.Observations, faded.Observations);
    }

    [Fact]
    public void The_json_of_older_settings_is_unchanged_and_reads_as_kept_pseudo_samples()
    {
        Assert.DoesNotContain("fades", new MovePriorOptions { ColdOffset = -2 }.ToJson(), StringComparison.OrdinalIgnoreCase);
        Assert.False(MovePriorOptions.Parse("""{"halfLifeSamples": 240, "coldOffset": -2}""").PriorFades);
        var o = new MovePriorOptions { ColdOffset = -2, PriorFades = true, Gate = new BaselineGateOptions() };
        Assert.Contains("\"priorFades\":true", o.ToJson(), StringComparison.Ordinal);
        Assert.Equal(o, MovePriorOptions.Parse(o.ToJson()));
    }
}
