using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Recording.Replay;
using HftScalper.Tests.Shared;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Risk;

namespace HftScalper.Engine.Tests.Pipeline;

[Collection(SerialCollection.Name)]
public sealed class PipelineAllocationTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public PipelineAllocationTests(PipelineFixture fx) => _fx = fx;

    [RequiresDataFact]
    public void Replay_of_the_real_BTCUSDT_recording_allocates_nothing_per_event_after_warm_up()
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        // One file: opening a second gzip file allocates its reader buffers once, which is not per-event work.
        var source = ReplaySourceFactory.Open(registry, [TestData.BinanceSpotBtcusdt[0]], _ => { }, "binance-spot");

        var result = PipelineFixture.Run(source, registry, new SingleModelSource(session), new PipelineOptions { WarmupEvents = 20_000 });

        Assert.True(result.SteadyEvents > 50_000, $"only {result.SteadyEvents} events after warm-up");
        Assert.True(result.Inference.Rows > 1000, $"only {result.Inference.Rows} rows went through the model");
        // Inline topology: every stage ran on this thread, so its allocation counter covers the whole hot path,
        // including the gzip line reader (which grows its buffer once or twice for the longest lines: ~1.7 KB).
        double perEvent = (double)result.ProducerThreadAllocatedBytes / result.SteadyEvents;
        Assert.True(perEvent < 0.05, $"{result.ProducerThreadAllocatedBytes} B over {result.SteadyEvents} events = {perEvent:F4} B/event");
        Assert.Equal(0, result.Gen0Collections);
    }

    [Fact]
    public void Simulator_replay_with_a_model_allocates_nothing_per_event_after_warm_up()
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());

        // Default warm-up (10k events). The simulator sizes its frame arena for its largest step at construction:
        // a 40-level sweep's trades used to grow it once (+9 KB, ~2,000 decisions in) on the producer thread.
        var result = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session));

        Assert.True(result.SteadyEvents > 50_000, $"only {result.SteadyEvents} events after warm-up");
        Assert.Equal(0, result.ProducerThreadAllocatedBytes);
        Assert.Equal(0, result.Gen0Collections);
    }

    [Fact]
    public void Maker_first_replay_with_quote_management_and_exits_allocates_nothing_per_event_after_warm_up()
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        var trading = new TradingOptions
        {
            Risk = new RiskOptions { EntryOrderType = OrderType.PostOnly },
            Quotes = new QuoteOptions { TakeProfitBps = 1, TimeStopFactor = 1, StopLossBps = 2 },
        };

        var result = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session),
            new PipelineOptions { Trading = trading });

        var x = result.Trading.Execution!;
        Assert.True(x.Cancels + x.Replaces > 0, $"the quote manager did nothing: {x}");
        Assert.Equal(0, result.ProducerThreadAllocatedBytes);
        Assert.Equal(0, result.Gen0Collections);
    }
}
