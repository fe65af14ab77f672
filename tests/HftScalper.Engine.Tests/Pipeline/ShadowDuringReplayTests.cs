using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Inference.Lifecycle;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class ShadowDuringReplayTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public ShadowDuringReplayTests(PipelineFixture fx) => _fx = fx;

    private PipelineResult Run(PipelineTopology topology, ShadowScorer? shadow, ShadowPromotionRule? rule = null) => Run(topology, shadow, out _, rule);

    private PipelineResult Run(PipelineTopology topology, ShadowScorer? shadow, out RunRecorder recorder, ShadowPromotionRule? rule = null)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel(seed: 7));
        var options = new PipelineOptions { Topology = topology, WarmupEvents = 10_000 };
        recorder = new RunRecorder();
        var hooks = new PipelineHooks
        {
            Observer = recorder,
            Shadow = shadow is null ? null : new ShadowOptions
            {
                Scorer = shadow, Rule = rule,
                HorizonNs = recorder.Options.Predictions.HorizonsNs[0], ThresholdTicks = recorder.Options.Predictions.ThresholdTicks,
            },
        };
        using var source = PipelineFixture.Simulator(registry);
        return new TradingPipeline(registry, options, new SingleModelSource(session), NullLogger.Instance, hooks).Run(source.Feed(registry, "binance-spot"));
    }

    private ShadowScorer Candidate(int seed)
    {
        var scorer = new ShadowScorer(NullLogger.Instance, pendingCapacity: 1 << 16);
        var path = _fx.TreeModel(seed: seed);
        scorer.SetCandidate(new ServedModel(PipelineFixture.Load(path), path, ModelRegistry.Sha256Of(path)));
        return scorer;
    }

    [Theory]
    [InlineData(PipelineTopology.Inline)]
    [InlineData(PipelineTopology.Threaded)]
    public void A_shadow_candidate_leaves_the_live_decisions_unchanged_and_is_scored_on_every_model_decision(PipelineTopology topology)
    {
        var plain = Run(topology, shadow: null);
        using var scorer = Candidate(seed: 99);

        var shadowed = Run(topology, scorer, out var recorder);

        Assert.True(shadowed.Drained);
        Assert.Equal(plain.Digest, shadowed.Digest);
        Assert.Equal(plain.Orders, shadowed.Orders);
        Assert.Null(plain.Shadow);
        var r = shadowed.Shadow!;
        Assert.Equal(shadowed.Inference.Rows, r.Offered);
        Assert.Equal(r.Offered, r.Stats.Observed);
        Assert.Equal(0, r.LostOutcomes);
        Assert.True(r.Stats.Resolved > 1000, $"only {r.Stats.Resolved} outcomes");
        Assert.True(r.Stats.Agreements < r.Stats.Observed, "two different models never disagreed");
        // The live side is scored exactly like the run's own accuracy (same decisions, horizon, threshold, mids).
        var primary = recorder.Predictions.Horizons[0];
        Assert.Equal(primary.Labelled, r.Stats.Resolved);
        Assert.Equal(primary.Accuracy, r.Stats.LiveAccuracy, 12);
        Assert.Equal(primary.LogLoss, r.Stats.LiveMeanLogLoss, 5);
        Assert.NotEqual(r.Stats.LiveAccuracy, r.Stats.CandidateAccuracy);
        Assert.InRange(r.Calibration.CandidateExpectedCalibrationError, 0, 1);
        Assert.InRange(r.Calibration.LiveBrier, 0, 2);
    }

    [Fact]
    public void The_same_model_as_candidate_agrees_everywhere_and_is_never_promotable_for_lack_of_evidence()
    {
        using var scorer = new ShadowScorer(NullLogger.Instance, pendingCapacity: 1 << 16, blockNs: 1_000_000_000);
        var path = _fx.TreeModel(seed: 7);
        scorer.SetCandidate(new ServedModel(PipelineFixture.Load(path), path, ModelRegistry.Sha256Of(path)));
        // The old rule (a gain of at least zero) promoted a copy of the live model; the paired tests must not.
        var rule = new ShadowPromotionRule(MinResolved: 500, MinAccuracyGain: 0, MaxLogLossIncrease: 0, MinBlocks: 2);

        var r = Run(PipelineTopology.Inline, scorer, rule).Shadow!;

        Assert.Equal(r.Stats.Observed, r.Stats.Agreements);
        Assert.Equal(r.Stats.LiveCorrect, r.Stats.CandidateCorrect);
        Assert.Equal(r.Stats.LiveLogLoss, r.Stats.CandidateLogLoss, 6);
        Assert.True(r.Stats.Resolved >= 500, $"only {r.Stats.Resolved} outcomes");
        Assert.True(r.Stats.AccuracyTest.Blocks >= 2, $"{r.Stats.AccuracyTest.Blocks} blocks");
        Assert.Equal(0, r.Stats.AccuracyTest.T);
        Assert.Equal(0.5, r.Stats.AccuracyTest.PValueBetter, 9);
        Assert.False(r.Promotable);
        Assert.Equal(-1, r.RuleFiredAtDecision);
    }

    [Fact]
    public void Without_a_candidate_the_shadow_stage_scores_nothing_and_changes_nothing()
    {
        var plain = Run(PipelineTopology.Inline, shadow: null);
        using var empty = new ShadowScorer(NullLogger.Instance);

        var r = Run(PipelineTopology.Inline, empty);

        Assert.Equal(plain.Digest, r.Digest);
        Assert.Equal(0, r.Shadow!.Stats.Observed);
        Assert.Equal(0, r.Shadow.Stats.Resolved);
    }
}
