using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Simulator;
using HftScalper.Simulator.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// A symbol the source registers after the producer's first publication (a live feed meeting a new name, a recording
/// replayed without <c>hft replay</c>'s symbol pre-scan) is a late symbol in every topology: the trading session is
/// sized by the symbols registered when the producer published its first event, so a threaded strategy that starts
/// after the registration trades exactly what the inline one trades (the late symbol's decisions untraded, counted and
/// scored), and never a desk sized for one symbol set beside trackers sized for another.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LateSymbolTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public LateSymbolTests(PipelineFixture fx) => _fx = fx;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_symbol_registered_before_a_late_strategy_starts_is_untraded_as_inline(int stageThreads)
    {
        var inline = Run(PipelineTopology.Inline, stageThreads, holdInference: false, out _, out string late);
        var threaded = Run(PipelineTopology.Threaded, stageThreads, holdInference: true, out bool held, out _);

        // The interleaving under test happened: the strategy's first event came after the producer had registered the
        // second symbol (the stage threads' first batch, which holds a decision, waited for it at the model if needed).
        Assert.True(held, "the inference stage's first batch did not see the second symbol registered");
        Assert.True(threaded.Drained);
        Assert.True(inline.Trading.UntradedDecisions > 0, "inline, the second symbol's decisions are untraded");
        Assert.Equal([late], inline.Trading.UntradedSymbols);
        Assert.Equal(TradingEligibility.LateReason, inline.Trading.UntradedReasons[late]);
        Assert.Equal(inline.Trading.UntradedSymbols, threaded.Trading.UntradedSymbols);
        Assert.Equal(inline.Trading.UntradedDecisions, threaded.Trading.UntradedDecisions);
        Assert.Equal(inline.Decisions, threaded.Decisions);
        Assert.Equal(inline.Orders, threaded.Orders);
        Assert.Equal(inline.Digest, threaded.Digest);
    }

    private PipelineResult Run(PipelineTopology topology, int stageThreads, bool holdInference, out bool held, out string late)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        var scratch = new SymbolRegistry();
        using var simulator = new MarketSimulatorSource(SimulatorOptions.Default with
        {
            Duration = TimeSpan.FromSeconds(40), Symbols = [SymbolProfile.Btcusdt, SymbolProfile.Ethusdt],
        }, scratch);
        var feed = new RegisteringFeed(new BinanceEventFeed(simulator, scratch, "binance-spot"), scratch, registry);
        // The stage thread's first model call (before the strategy sees its first event) waits until the producer has
        // registered the second symbol.
        var models = new HeldModelSource(new SingleModelSource(session), () => !holdInference || registry.Count >= 2);
        var result = new TradingPipeline(registry, new PipelineOptions { Topology = topology, StageThreads = stageThreads, WarmupEvents = 0 }, models,
            NullLogger.Instance).Run(feed);
        Assert.True(feed.FirstMessageDecides, "the first message makes no decision: the strategy could start before inference");
        Assert.Equal(2, registry.Count);
        held = models.Held;
        late = registry[1].Name;
        return result;
    }

    /// <summary>A feed that registers each symbol in the run's registry when its first message is read (as a live feed
    /// meets a new name), with ids in first-seen order; the messages come from a feed over another registry.</summary>
    private sealed class RegisteringFeed(IMarketEventFeed inner, SymbolRegistry source, SymbolRegistry registry) : IMarketEventFeed
    {
        private readonly int[] _ids = [-1, -1, -1, -1];
        private MarketEvent[] _buffer = new MarketEvent[1024];

        public bool FirstMessageDecides { get; private set; }

        public string Description => inner.Description + " (registering)";

        public long Frames => inner.Frames;

        public long Events => inner.Events;

        public long ReceivedTimestamp => inner.ReceivedTimestamp;

        public bool TryReadMessage(out ReadOnlySpan<MarketEvent> message)
        {
            bool first = inner.Events == 0;
            if (!inner.TryReadMessage(out var read))
            {
                message = default;
                return false;
            }
            if (_buffer.Length < read.Length) _buffer = new MarketEvent[read.Length];
            for (int i = 0; i < read.Length; i++)
            {
                var e = read[i];
                int id = e.SymbolId;
                if (_ids[id] < 0)
                {
                    var s = source[id];
                    _ids[id] = registry.Register(s.Name, s.Venue, s.PriceDecimals, s.QuantityDecimals, s.TickSize, s.LotSize, s.MinNotional, s.MinQuantity, s.QuoteAsset).Id;
                }
                e.SymbolId = _ids[id];
                _buffer[i] = e;
            }
            if (first && read.Length > 0)
                FirstMessageDecides = read[^1].Kind is MarketEventKind.Trade or MarketEventKind.TopOfBook || read[^1].IsLastInMessage;
            message = _buffer.AsSpan(0, read.Length);
            return true;
        }

        public bool TryReadMessages(out ReadOnlySpan<MarketEvent> messages) => TryReadMessage(out messages);
    }
}
