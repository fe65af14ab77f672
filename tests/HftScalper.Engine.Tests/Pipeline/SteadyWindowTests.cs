using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The steady window of a threaded run counts the events that went through the pipeline in it: those the ring held
/// behind a slow stage when the warm-up ended are processed in the window, so they are counted there, not as warm-up.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SteadyWindowTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public SteadyWindowTests(PipelineFixture fx) => _fx = fx;

    [Fact]
    public void Events_behind_a_held_stage_when_the_warm_up_ends_count_in_the_steady_window()
    {
        const int warmup = 500;
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        TradingPipeline? pipeline = null;
        // The stage thread's first model call waits until the producer is past the warm-up mark (it publishes a
        // message, then marks, then reads on): at the mark nothing has been through the strategy yet.
        var models = new HeldModelSource(new SingleModelSource(session), () => Volatile.Read(ref pipeline)?.Published >= warmup + 100);
        pipeline = new TradingPipeline(registry, new PipelineOptions { Topology = PipelineTopology.Threaded, RingSize = 1024, WarmupEvents = warmup },
            models, NullLogger.Instance);

        using var source = PipelineFixture.Simulator(registry);
        var result = pipeline.Run(source.Feed(registry, "binance-spot"));

        Assert.True(models.Held, "the model call did not wait past the warm-up mark");
        Assert.True(result.Drained);
        Assert.True(result.Warmup!.Events < warmup / 2, $"warm-up {result.Warmup.Events} events: the ring's backlog was counted as warm-up");
        Assert.Equal(result.Events, result.Warmup.Events + result.SteadyEvents);
    }

    [Fact]
    public void Inline_the_warm_up_is_every_event_published_before_the_mark()
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());

        var result = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session),
            new PipelineOptions { WarmupEvents = 10_000 });

        // The message that crossed the mark is in the warm-up (the simulator's messages: at most ~2,100 events, a snapshot).
        Assert.InRange(result.Warmup!.Events, 10_000, 12_500);
        Assert.Equal(result.Events, result.Warmup.Events + result.SteadyEvents);
    }
}
