using HftScalper.Trading.Economics;

namespace HftScalper.Trading.Tests.Economics;

/// <summary>
/// The online calibration of the expected move: a planted monotone relation is recovered, a planted absence of one
/// gives ~0, the map is shrunk toward 0 and monotone, nothing after a decision changes what it was served, and a
/// steady-state decision allocates nothing. Mids are in ticks; a move of x bps multiplies the mid by 1 + x / 1e4.
/// </summary>
public sealed class MoveCalibratorTests
{
    private const long Second = 1_000_000_000;

    // Horizon 1 s, clock 1 s: the sample at k s resolves at (k + 1) s against the mid then. No forgetting to speak of.
    private static MoveCalibrator Unconditioned(int bins = 4, double prior = 0) => new(Second, new MoveCalibrationOptions
    {
        Conditioning = MoveConditioning.None, Bins = bins, ZRange = 2, PriorSamples = prior, HalfLifeSamples = 1e9, SampleIntervalNs = Second,
    });

    [Fact]
    public void A_constant_score_is_one_bin_whose_mean_is_shrunk_toward_zero_by_the_pseudo_samples()
    {
        // Every second the mid rises 1 bps after a score of 0.4 (constant: the deviation is 0, z = 0, bin 1 of 2).
        var c = Unconditioned(bins: 2, prior: 3);
        double mid = 1_000_000;
        for (int k = 0; k <= 3; k++)
        {
            c.OnDecision(k * Second, mid, 0.4, 0, false);
            mid *= 1.0001;
        }
        // Three resolved: 3 x 1 bps / (3 + 3 pseudo-samples) = 0.5; the empty bin 0 is 0 / 3 = 0 (monotone already).
        Assert.Equal(3, c.Resolved);
        Assert.Equal(0.5, c.ExpectedMove(0.4, 0, false), 6);
        Assert.Equal(0.0, c.Map[0], 12);
        for (int k = 4; k <= 9; k++)
        {
            c.OnDecision(k * Second, mid, 0.4, 0, false);
            mid *= 1.0001;
        }
        Assert.Equal(9.0 / 12, c.ExpectedMove(0.4, 0, false), 6); // 9 / (9 + 3)
    }

    private static readonly double[] Cycle = [-3, -1, 1, 3];

    // Scores cycle through Cycle once a second; the mid then moves slope x score bps over the next second.
    private static MoveCalibrator Planted(double slope)
    {
        var c = Unconditioned();
        double mid = 1_000_000;
        for (int k = 0; k < 4000; k++)
        {
            double s = Cycle[k % 4];
            c.OnDecision(k * Second, mid, s, 0, false);
            mid *= 1 + slope * s / 1e4;
        }
        return c;
    }

    [Fact]
    public void A_planted_monotone_relation_is_recovered()
    {
        // Scores cycle -3, -1, 1, 3 (mean 0, sd 2.236: z -1.34, -0.45, 0.45, 1.34, one per bin of width 1 over [-2, 2]);
        // the mid then moves 2 x score bps over the next second.
        var c = Planted(slope: 2);
        // A handful of early samples were binned before the score's deviation was known: within 0.05 bps of 2 x score.
        for (int i = 0; i < 4; i++) Assert.InRange(c.ExpectedMove(Cycle[i], 0, false), 2 * Cycle[i] - 0.05, 2 * Cycle[i] + 0.05);
        for (int i = 1; i < 4; i++) Assert.True(c.Map[i] >= c.Map[i - 1]);
    }

    [Fact]
    public void A_planted_inverse_relation_is_pooled_to_its_mean_not_read_backwards()
    {
        // The mid moves -2 x score: a decreasing relation; the monotone map pools every bin to the overall mean, 0.
        var c = Planted(slope: -2);
        for (int i = 0; i < 4; i++) Assert.InRange(c.Map[i], -0.01, 0.01);
        for (int i = 1; i < 4; i++) Assert.Equal(c.Map[0], c.Map[i], 12);
    }

    [Fact]
    public void A_planted_absence_of_relation_gives_about_zero_expected_move()
    {
        // Scores and moves drawn independently (moves +-1 bps): every bin's mean is ~0.
        var c = Unconditioned(bins: 8, prior: 50);
        var rng = new Random(7);
        double mid = 1_000_000;
        for (int k = 0; k < 20_000; k++)
        {
            c.OnDecision(k * Second, mid, rng.NextDouble() * 2 - 1, 0, false);
            mid *= 1 + (rng.Next(2) * 2 - 1) / 1e4;
        }
        foreach (double m in c.Map) Assert.InRange(m, -0.1, 0.1);
    }

    [Fact]
    public void What_happens_after_a_decision_does_not_change_what_it_was_served()
    {
        // Two streams equal up to 300 s; after it, B's mid leaps 50 bps a second (a planted future leak).
        var a = Unconditioned(prior: 5);
        var b = Unconditioned(prior: 5);
        double[] scores = [-3, -1, 1, 3];
        double midA = 1_000_000, midB = midA;
        var servedA = new double[600];
        var servedB = new double[600];
        for (int k = 0; k < 600; k++)
        {
            double s = scores[k % 4];
            a.OnDecision(k * Second, midA, s, 0, false);
            b.OnDecision(k * Second, midB, s, 0, false);
            servedA[k] = a.ExpectedMove(s, 0, false);
            servedB[k] = b.ExpectedMove(s, 0, false);
            midA *= 1 + 2 * s / 1e4;
            midB *= k >= 300 ? 1.005 : 1 + 2 * s / 1e4;
        }
        // Decisions up to 300 s (the leap's mid is first seen at 301 s) are served the same; later ones differ.
        for (int k = 0; k <= 300; k++) Assert.Equal(servedA[k], servedB[k]);
        Assert.NotEqual(servedA[599], servedB[599]);
    }

    [Fact]
    public void Signal_conditioning_learns_onsets_and_held_signals_apart_in_the_signals_direction()
    {
        // A signal flips long/short every 4 s; its onset is followed by 3 bps in its direction, the held seconds by none.
        var c = new MoveCalibrator(Second, new MoveCalibrationOptions
        {
            Conditioning = MoveConditioning.Signal, Bins = 4, PriorSamples = 0, HalfLifeSamples = 1e9, SampleIntervalNs = Second,
        });
        double mid = 1_000_000;
        int direction = 0;
        for (int k = 0; k < 4000; k++)
        {
            bool onset = k % 4 == 0;
            if (onset) direction = direction > 0 ? -1 : 1;
            c.OnDecision(k * Second, mid, 0.2 * direction, direction, onset);
            mid *= 1 + (onset ? 3.0 * direction : 0) / 1e4;
        }
        // In the signal's direction: a long onset expects +3, a short onset -3 (its move, signed); held signals 0.
        Assert.Equal(3, c.ExpectedMove(0.2, 1, onset: true), 6);
        Assert.Equal(-3, c.ExpectedMove(-0.2, -1, onset: true), 6);
        Assert.Equal(0, c.ExpectedMove(0.2, 1, onset: false), 6);
        Assert.True(double.IsNaN(c.ExpectedMove(0.2, 0, onset: false))); // no direction: nothing to enter, no estimate
    }

    [Fact]
    public void A_steady_state_decision_allocates_nothing()
    {
        var c = new MoveCalibrator(2 * Second, new MoveCalibrationOptions { SampleIntervalNs = 250_000_000 });
        var rng = new Random(3);
        double mid = 1_000_000, sink = 0;
        long t = 0;
        void Run(int n)
        {
            for (int k = 0; k < n; k++)
            {
                t += 37_000_000; // 37 ms apart: several decisions per tick, onsets now and then
                int direction = (k / 50 % 3) - 1;
                bool onset = k % 50 == 0;
                double score = rng.NextDouble() - 0.5;
                c.OnDecision(t, mid, score, direction, onset);
                sink += c.ExpectedMove(score, direction == 0 ? 1 : direction, onset);
                mid += rng.Next(3) - 1;
            }
        }
        Run(20_000); // warm-up: JIT, tiering
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));
        Assert.True(c.Resolved > 1000);
    }
}
