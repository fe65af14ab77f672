using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

[Collection(SerialCollection.Name)]
public sealed class PipelineHooksAllocationTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public PipelineHooksAllocationTests(PipelineFixture fx) => _fx = fx;

    [Fact]
    public void Canary_rows_and_a_shadow_candidate_allocate_nothing_per_event_after_warm_up()
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        var candidatePath = _fx.TreeModel(seed: 99);
        using var scorer = new ShadowScorer(NullLogger.Instance, pendingCapacity: 1 << 16);
        scorer.SetCandidate(new ServedModel(PipelineFixture.Load(candidatePath), candidatePath, ModelRegistry.Sha256Of(candidatePath)));
        var canary = new CanaryRows(FeatureEngine.DefaultSchema.Count);
        var hooks = new PipelineHooks { Canary = canary, Shadow = new ShadowOptions { Scorer = scorer }, Observer = new RunRecorder() };

        using var source = PipelineFixture.Simulator(registry, minutes: 5);
        var result = new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 60_000 }, new SingleModelSource(session), NullLogger.Instance, hooks).Run(source.Feed(registry, "binance-spot"));

        Assert.True(result.SteadyEvents > 50_000, $"only {result.SteadyEvents} events after warm-up");
        Assert.True(canary.Recorded > 1000, $"only {canary.Recorded} canary rows");
        Assert.True(result.Shadow!.Stats.Observed > 1000, $"only {result.Shadow.Stats.Observed} shadow predictions");
        // Inline topology: every stage, the canary copy and the shadow consumer ran on this thread.
        Assert.Equal(0, result.ProducerThreadAllocatedBytes);
        Assert.Equal(0, result.Gen0Collections);
    }
}
