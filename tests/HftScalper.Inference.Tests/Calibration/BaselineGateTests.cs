using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;

namespace HftScalper.Inference.Tests.Calibration;

/// <summary>
/// The per-symbol baseline gate: a 2 s model sampled every 250 ms, any move counts. Crafted books whose classes are
/// known by construction: a quiet book (always flat), a trending one (persistence is always right), a mean-reverting one
/// (the last move reverses), and a model that is always right.
/// </summary>
public sealed class BaselineGateTests
{
    private const long Ms = 1_000_000;
    private const long Interval = 250 * Ms, Horizon = 2_000 * Ms;
    private static readonly MoveThreshold AnyMove = new(0, false);
    private static readonly float[] SaysUp = [0.15f, 0.15f, 0.7f];

    private static BaselineGate Gate(BaselineGateOptions? o = null) => new(Horizon, Interval, AnyMove, o);

    private static int ArgMax(float[] p) => p[1] >= p[0] && p[1] >= p[2] ? 1 : p[0] >= p[2] ? 0 : 2;

    /// <summary>Feeds a sample every 250 ms for <paramref name="seconds"/>, with the model's row given per time; returns the served rows.</summary>
    private static List<float[]> Run(BaselineGate g, int seconds, Func<long, double> mid, Func<long, float[]> model)
    {
        var served = new List<float[]>();
        for (long ms = 0; ms < seconds * 1_000L; ms += 250)
        {
            var row = (float[])model(ms).Clone();
            g.OnDecision(ms * Ms, mid(ms), row);
            served.Add(row);
        }
        return served;
    }

    [Fact]
    public void On_a_quiet_book_a_model_calling_moves_is_replaced_by_flat_once_the_evidence_leads()
    {
        var g = Gate();
        var served = Run(g, 60, _ => 1_000, _ => SaysUp);

        Assert.True(g.Abstaining);
        Assert.Equal(0, g.ModelRate, 6);
        Assert.Equal(1, g.BaselineRate, 6);
        // Nothing resolves during the first horizon (8 samples); then the baseline's lead of 2 needs three resolved samples
        // (weights decay a little), so the third resolving sample is the first served by the baseline.
        Assert.All(served.Take(8 + 2), r => Assert.Equal(SaysUp, r));
        Assert.All(served.Skip(8 + 2), r => Assert.Equal(1, ArgMax(r)));
        Assert.All(served, r => Assert.Equal(1f, r[0] + r[1] + r[2], 5));
    }

    [Fact]
    public void A_model_that_is_always_right_is_never_replaced()
    {
        // The mid steps up or down every 2 s by a fixed pattern; the model's row names the class of the next 2 s.
        static double Mid(long ms) => 1_000 + Step(ms / 2_000);
        static double Step(long k) { double m = 0; for (long i = 0; i < k; i++) m += i % 3 == 0 ? 1 : -1; return m; }
        var g = Gate(new BaselineGateOptions { Lead = 0 });
        var served = Run(g, 120, Mid, ms =>
        {
            int y = AnyMove.Classify(Mid(ms + 2_000) - Mid(ms), Mid(ms));
            var p = new float[] { 0.1f, 0.1f, 0.1f };
            p[y] = 0.8f;
            return p;
        });

        Assert.False(g.Abstaining);
        Assert.Equal(1, g.ModelRate, 6);
        Assert.True(g.Resolved > 400);
    }

    [Fact]
    public void On_a_trending_book_the_baseline_learns_persistence()
    {
        var g = Gate();
        var served = Run(g, 60, ms => 1_000 + ms / 250, _ => new[] { 0.1f, 0.8f, 0.1f }); // model: flat; the mid rises every sample

        Assert.True(g.Abstaining);
        Assert.Equal(DirectionContract.Up, g.LastMove);
        Assert.Equal(DirectionContract.Up, ArgMax(served[^1]));
    }

    [Fact]
    public void On_a_mean_reverting_book_the_baseline_learns_the_reversal_not_persistence()
    {
        // Up for 2 s, down for 2 s: every move over a horizon is followed by the opposite one.
        static double Mid(long ms) { long k = ms / 250, phase = k % 16; return 1_000 + (phase < 8 ? phase : 16 - phase); }
        var g = Gate();
        var served = Run(g, 120, Mid, _ => SaysUp);

        Assert.True(g.Abstaining);
        Assert.True(g.BaselineRate > 0.8, $"baseline {g.BaselineRate}");
        // At the top (phase 8: the last 2 s went up) the baseline says down.
        int top = served.Count - 16 + 8;
        Assert.Equal(DirectionContract.Down, ArgMax(served[top]));
    }

    [Fact]
    public void The_choice_at_a_sample_depends_only_on_what_came_before_it()
    {
        var a = Gate();
        var b = Gate();
        var ra = Run(a, 60, ms => ms < 30_000 ? 1_000 : 1_000 + ms / 250, _ => SaysUp);
        var rb = Run(b, 60, ms => ms < 30_000 ? 1_000 : 1_000 - ms / 250, _ => SaysUp);

        // The sample at 30 s is the first whose input differs: every row before it is the same.
        for (int i = 0; i < 30_000 / 250; i++) Assert.Equal(ra[i], rb[i]);
        Assert.NotEqual(ra[^1], rb[^1]);
    }

    [Fact]
    public void Bad_mids_are_ignored_and_rows_between_clock_ticks_follow_the_latest_choice()
    {
        var g = Gate();
        Run(g, 30, _ => 1_000, _ => SaysUp);
        Assert.True(g.Abstaining);
        long resolved = g.Resolved;

        var between = (float[])SaysUp.Clone();
        Assert.False(g.OnDecision(29_900 * Ms, 1_000, between));    // same 250 ms tick as the last sample
        Assert.Equal(1, ArgMax(between));
        var bad = (float[])SaysUp.Clone();
        Assert.False(g.OnDecision(31_000 * Ms, double.NaN, bad));
        Assert.False(g.OnDecision(31_000 * Ms, 0, bad));
        Assert.Equal(resolved, g.Resolved);
        Assert.Equal(1, ArgMax(bad));
        Assert.True(g.OnDecision(31_000 * Ms, 1_000, (float[])SaysUp.Clone()));
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gate(new BaselineGateOptions { HalfLifeSamples = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gate(new BaselineGateOptions { Lead = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BaselineGate(0, Interval, AnyMove));
    }
}
