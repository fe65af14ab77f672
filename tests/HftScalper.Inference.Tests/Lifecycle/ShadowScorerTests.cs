using System.Runtime.CompilerServices;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class ShadowScorerTests : IDisposable
{
    private const int Rows = 8;
    private readonly LifecycleModels _m = new();

    public void Dispose() => _m.Dispose();

    private ServedModel Served(string file, int seed) => _m.Served(file, seed);

    private ModelSession Session(string file, int seed) => Served(file, seed).Session;

    private static int ArgMax(ReadOnlySpan<float> p) => p.IndexOf(MathF.Max(p[0], MathF.Max(p[1], p[2])));

    [Fact]
    public void Candidate_is_scored_on_the_same_rows_for_agreement_accuracy_and_log_loss()
    {
        using var live = Session("live.onnx", 1);
        using var reference = Session("cand-ref.onnx", 3);
        using var shadow = new ShadowScorer(_m.Logger);
        shadow.SetCandidate(Served("cand.onnx", 3));
        var x = LifecycleModels.Rows(Rows, seed: 21);
        var liveScores = new float[Rows * 3];
        var candScores = new float[Rows * 3];
        Assert.Equal(PredictStatus.Ok, live.Predict(x, Rows, liveScores));
        Assert.Equal(PredictStatus.Ok, reference.Predict(x, Rows, candScores));

        Assert.Equal(Rows, shadow.Observe(x, Rows, liveScores, firstDecisionId: 100));
        int[] realised = [.. Enumerable.Range(0, Rows).Select(i => i % 3)];
        for (int i = 0; i < Rows; i++) Assert.True(shadow.RecordOutcome(100 + i, realised[i], i));

        int agree = 0, liveRight = 0, candRight = 0;
        double liveLoss = 0, candLoss = 0;
        for (int i = 0; i < Rows; i++)
        {
            var l = liveScores.AsSpan(i * 3, 3);
            var c = candScores.AsSpan(i * 3, 3);
            if (ArgMax(l) == ArgMax(c)) agree++;
            if (ArgMax(l) == realised[i]) liveRight++;
            if (ArgMax(c) == realised[i]) candRight++;
            liveLoss -= Math.Log(l[realised[i]] / (l[0] + l[1] + l[2]));
            candLoss -= Math.Log(c[realised[i]] / (c[0] + c[1] + c[2]));
        }
        var s = shadow.Stats;
        Assert.Equal((Rows, agree, Rows, liveRight, candRight), (s.Observed, s.Agreements, s.Resolved, s.LiveCorrect, s.CandidateCorrect));
        Assert.Equal(liveLoss, s.LiveLogLoss, 4);
        Assert.Equal(candLoss, s.CandidateLogLoss, 4);
    }

    [Fact]
    public void Unknown_or_already_resolved_decisions_are_ignored()
    {
        using var live = Session("live.onnx", 1);
        using var shadow = new ShadowScorer(_m.Logger, pendingCapacity: 4);
        shadow.SetCandidate(Served("cand.onnx", 2));
        var x = LifecycleModels.Rows(1);
        var y = new float[3];
        live.Predict(x, 1, y);
        shadow.Observe(x, 1, y, firstDecisionId: 7);

        Assert.False(shadow.RecordOutcome(8, 0, 0));
        Assert.True(shadow.RecordOutcome(7, 0, 0));
        Assert.False(shadow.RecordOutcome(7, 0, 0));
        Assert.False(shadow.RecordOutcome(7, 3, 0));
        Assert.Equal(1, shadow.Stats.Resolved);
    }

    [Fact]
    public void Without_a_candidate_nothing_is_scored()
    {
        using var shadow = new ShadowScorer(_m.Logger);
        Assert.Equal(0, shadow.Observe(new float[LifecycleModels.F], 1, new float[3], 0));
        Assert.Equal(0, shadow.Stats.Observed);
        Assert.True(double.IsNaN(shadow.Stats.AgreementRate));
    }

    [Fact]
    public void Observing_allocates_nothing_in_steady_state()
    {
        using var shadow = new ShadowScorer(_m.Logger);
        shadow.SetCandidate(Served("cand.onnx", 2));
        var x = LifecycleModels.Rows(4);
        var live = new float[12];
        // Optimised up front: tier-0 code and on-stack replacement must not show up as allocations.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Run(int from)
        {
            for (int i = from; i < from + 1000; i++) { shadow.Observe(x, 4, live, i * 4); shadow.RecordOutcome(i * 4, 1, i); }
        }
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(pass => Run(pass * 1000)));
    }

    [Fact]
    public void The_promotion_rule_needs_enough_outcomes_and_a_significant_gain_on_the_same_decisions()
    {
        var rule = new ShadowPromotionRule(MinResolved: 100, MinAccuracyGain: 0.01, Alpha: 0.01, MinBlocks: 20);
        var significant = new PairedTestResult(30, 0.2, 0.05);   // z = 4
        var noisy = new PairedTestResult(30, 0.2, 0.2);          // z = 1: a gain a lucky window gives
        var worse = new PairedTestResult(30, -0.2, 0.05);        // z = -4
        ShadowStats Stats(long resolved, long liveRight, long candRight, double liveLoss, double candLoss, PairedTestResult acc, PairedTestResult loss)
            => new(100, 50, resolved, liveRight, candRight, liveLoss, candLoss) { AccuracyTest = acc, LogLossTest = loss };

        Assert.True(rule.Recommends(Stats(100, 40, 60, 90, 80, significant, significant)));
        Assert.False(rule.Recommends(Stats(99, 40, 60, 90, 80, significant, significant)));              // too few outcomes
        Assert.False(rule.Recommends(Stats(100, 40, 60, 90, 80, noisy, noisy)));                        // a gain, not significant
        Assert.True(rule.Recommends(Stats(100, 40, 60, 90, 80, noisy, significant)));                   // significant on log-loss
        Assert.False(rule.Recommends(Stats(100, 40, 60, 90, 80, significant, worse)));                  // significantly worse log-loss
        Assert.False(rule.Recommends(Stats(100, 40, 40, 90, 80, significant, significant)));            // under the effect floor
        Assert.False(rule.Recommends(Stats(100, 40, 60, 80, 90, significant, significant)));            // worse mean log-loss
        Assert.False(rule.Recommends(Stats(100, 40, 60, 90, 80, significant with { Blocks = 19 }, significant with { Blocks = 19 }))); // too few blocks
    }

    [Fact]
    public void A_rollback_is_recommended_only_when_the_replaced_model_is_significantly_better()
    {
        var rule = new ShadowPromotionRule(MinResolved: 100, MinBlocks: 20);
        ShadowStats Probation(PairedTestResult acc, PairedTestResult loss) => new(100, 50, 100, 50, 50, 90, 90) { AccuracyTest = acc, LogLossTest = loss };

        Assert.True(rule.RecommendsRollback(Probation(new(30, 0.2, 0.05), new(30, 0, 0.05))));
        Assert.False(rule.RecommendsRollback(Probation(new(30, 0.05, 0.05), new(30, 0.05, 0.05))));  // z = 1 both
        Assert.False(rule.RecommendsRollback(Probation(new(30, -0.2, 0.05), new(30, -0.2, 0.05))));  // the new model is better
    }

    [Fact]
    public void The_scorer_tests_accuracy_and_log_loss_by_blocks_of_consecutive_outcomes()
    {
        using var live = Session("live.onnx", 1);
        using var reference = Session("cand-ref.onnx", 3);
        using var shadow = new ShadowScorer(_m.Logger, blockNs: 4); // decisions 1 ns apart: four per block
        shadow.SetCandidate(Served("cand.onnx", 3));
        const int n = 64;
        var x = LifecycleModels.Rows(n, seed: 5);
        var liveScores = new float[n * 3];
        var candScores = new float[n * 3];
        for (int b = 0; b < n; b += Rows) // the test models take batches of Rows
        {
            var rows = x.AsSpan(b * LifecycleModels.F, Rows * LifecycleModels.F);
            Assert.Equal(PredictStatus.Ok, live.Predict(rows, Rows, liveScores.AsSpan(b * 3, Rows * 3)));
            Assert.Equal(PredictStatus.Ok, reference.Predict(rows, Rows, candScores.AsSpan(b * 3, Rows * 3)));
            Assert.Equal(Rows, shadow.Observe(rows, Rows, liveScores.AsSpan(b * 3, Rows * 3), firstDecisionId: b));
        }
        var blockMeans = new List<double>();
        double sum = 0;
        for (int i = 0; i < n - 2; i++) // the last two outcomes make an open block, which must not count
        {
            int realised = i % 3;
            Assert.True(shadow.RecordOutcome(i, realised, i));
            sum += (ArgMax(candScores.AsSpan(i * 3, 3)) == realised ? 1 : 0) - (ArgMax(liveScores.AsSpan(i * 3, 3)) == realised ? 1 : 0);
            if (i % 4 == 3) { blockMeans.Add(sum / 4); sum = 0; }
        }

        var t = shadow.Stats.AccuracyTest;
        double mean = blockMeans.Average();
        double se = Math.Sqrt(blockMeans.Sum(b => (b - mean) * (b - mean)) / (blockMeans.Count - 1) / blockMeans.Count);
        Assert.Equal(blockMeans.Count, t.Blocks);
        Assert.Equal(mean, t.MeanDifference, 12);
        Assert.Equal(se, t.StandardError, 12);
        Assert.Equal(15, shadow.Stats.LogLossTest.Blocks); // outcome 60 closed the 15th block; 60 and 61 are open
        shadow.Reset();
        Assert.Equal(0, shadow.Stats.AccuracyTest.Blocks);
    }
}
