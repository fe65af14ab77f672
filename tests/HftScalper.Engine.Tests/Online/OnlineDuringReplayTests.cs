using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Online;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Tests.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Online;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Online;

public sealed class OnlineDuringReplayTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public OnlineDuringReplayTests(PipelineFixture fx) => _fx = fx;

    private PipelineResult Run(PipelineTopology topology, OnlineLearnerOptions? online, bool drive, out RunRecorder recorder, double minutes = 3)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel(seed: 7));
        var options = new PipelineOptions { Topology = topology, WarmupEvents = 10_000 };
        recorder = new RunRecorder();
        var p = recorder.Options.Predictions;
        var hooks = new PipelineHooks
        {
            Observer = recorder,
            Online = online is null ? null : new OnlineOptions
            {
                Learner = new OnlineLearner(FeatureEngine.DefaultSchema.Count, 3, online),
                Drive = drive, HorizonNs = p.HorizonsNs[0], ThresholdTicks = p.ThresholdTicks,
            },
        };
        using var source = PipelineFixture.Simulator(registry, minutes: minutes);
        return new TradingPipeline(registry, options, new SingleModelSource(session), NullLogger.Instance, hooks).Run(source.Feed(registry, "binance-spot"));
    }

    [Theory]
    [InlineData(PipelineTopology.Inline)]
    [InlineData(PipelineTopology.Threaded)]
    public void Beside_the_frozen_model_the_online_layer_changes_no_decision_and_is_scored_on_every_model_decision(PipelineTopology topology)
    {
        var plain = Run(topology, online: null, drive: false, out _);

        var learnt = Run(topology, new OnlineLearnerOptions(), drive: false, out var recorder);

        Assert.True(learnt.Drained);
        Assert.Equal(plain.Digest, learnt.Digest);
        Assert.Null(plain.Online);
        var r = learnt.Online!;
        Assert.False(r.Drive);
        Assert.Equal(learnt.Inference.Rows, r.Predicted);
        Assert.Equal(0, r.LostLabels);
        Assert.True(r.Stats.Resolved > 1000, $"only {r.Stats.Resolved} labels");
        Assert.Equal(r.Predicted, r.Stats.Resolved + r.Unresolved);
        // The frozen side is scored exactly like the run's own accuracy (same decisions, horizon, threshold, mids).
        var primary = recorder.Predictions.Horizons[0];
        Assert.Equal(primary.Labelled, r.Stats.Resolved);
        Assert.Equal(primary.Accuracy, r.Stats.LiveAccuracy, 12);
        Assert.Equal(primary.LogLoss, r.Stats.LiveMeanLogLoss, 5);
        Assert.NotEqual(r.Stats.LiveLogLoss, r.Stats.CandidateLogLoss);
        Assert.True(r.Stats.AccuracyTest.Blocks >= 2, $"{r.Stats.AccuracyTest.Blocks} blocks");
    }

    [Fact]
    public void The_online_figures_are_the_same_in_every_run_and_topology()
    {
        var a = Run(PipelineTopology.Inline, new OnlineLearnerOptions { PerSymbol = true, TransferAfter = 500 }, drive: false, out _).Online!;
        var b = Run(PipelineTopology.Inline, new OnlineLearnerOptions { PerSymbol = true, TransferAfter = 500 }, drive: false, out _).Online!;
        var c = Run(PipelineTopology.Threaded, new OnlineLearnerOptions { PerSymbol = true, TransferAfter = 500 }, drive: false, out _).Online!;

        Assert.Equal(a.Stats, b.Stats);
        Assert.Equal(a.Stats, c.Stats);
        Assert.Equal(a.Symbols, b.Symbols);
        Assert.Equal(a.Symbols, c.Symbols);
        Assert.NotEmpty(a.Symbols);
    }

    [Fact]
    public void Driving_the_online_layer_serves_its_probabilities_and_replays_to_the_same_digest()
    {
        var frozen = Run(PipelineTopology.Inline, online: null, drive: false, out _);

        var first = Run(PipelineTopology.Inline, new OnlineLearnerOptions(), drive: true, out var recorder);
        var again = Run(PipelineTopology.Threaded, new OnlineLearnerOptions(), drive: true, out _);

        Assert.True(first.Online!.Drive);
        Assert.NotEqual(frozen.Digest, first.Digest); // the strategy read other probabilities
        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(first.Online.Stats, again.Online!.Stats);
        // What the run scored as its accuracy is what the online layer served.
        var primary = recorder.Predictions.Horizons[0];
        Assert.Equal(primary.Labelled, first.Online.Stats.Resolved);
        Assert.Equal(primary.Accuracy, first.Online.Stats.CandidateAccuracy, 12);
    }

    [Fact]
    public void An_AB_split_by_decision_serves_each_arm_its_own_model_and_reports_both()
    {
        var split = new AbRouter(0.3, AbSplit.Decision, seed: 1);

        var r = Run(PipelineTopology.Inline, new OnlineLearnerOptions { Ab = split }, drive: true, out _).Online!;

        Assert.Same(split, r.Ab);
        Assert.Equal(r.Predicted, r.LiveArmDecisions + r.CandidateArmDecisions);
        Assert.InRange((double)r.CandidateArmDecisions / r.Predicted, 0.25, 0.35);
        Assert.Equal(r.Stats.Resolved, r.LiveArm.Resolved + r.CandidateArm.Resolved);
        Assert.InRange(r.LiveArm.Accuracy, 0, 1);
        Assert.InRange(r.CandidateArm.Accuracy, 0, 1);
    }
}
