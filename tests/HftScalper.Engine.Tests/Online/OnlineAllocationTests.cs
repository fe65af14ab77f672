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

[Collection(SerialCollection.Name)]
public sealed class OnlineAllocationTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public OnlineAllocationTests(PipelineFixture fx) => _fx = fx;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_online_layer_predicting_and_learning_allocates_nothing_per_event_after_warm_up(bool drive)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        var recorder = new RunRecorder();
        var online = new OnlineOptions
        {
            Learner = new OnlineLearner(FeatureEngine.DefaultSchema.Count, 3,
                new OnlineLearnerOptions { PerSymbol = true, TransferAfter = 100, Ab = drive ? new AbRouter(0.5, AbSplit.Decision, 2) : null }),
            Drive = drive, HorizonNs = recorder.Options.Predictions.HorizonsNs[0],
        };
        var hooks = new PipelineHooks { Online = online, Observer = recorder };

        using var source = PipelineFixture.Simulator(registry, minutes: 5);
        var result = new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 60_000 }, new SingleModelSource(session), NullLogger.Instance, hooks)
            .Run(source.Feed(registry, "binance-spot"));

        Assert.True(result.SteadyEvents > 50_000, $"only {result.SteadyEvents} events after warm-up");
        Assert.True(result.Online!.Stats.Resolved > 1000, $"only {result.Online.Stats.Resolved} labels learnt");
        // Inline topology: every stage and the online layer ran on this thread.
        Assert.Equal(0, result.ProducerThreadAllocatedBytes);
        Assert.Equal(0, result.Gen0Collections);
    }
}
