using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Parsing;

/// <summary>
/// The single-pass scanner against the general Utf8JsonReader path (kept as the reference and the fallback),
/// frame by frame and event by event, on real recordings and on the simulator's output.
/// </summary>
public sealed class ParserDifferentialTests
{
    [RequiresDataFact]
    public void The_fast_path_equals_the_reader_on_every_message_of_the_spot_recording()
    {
        var frames = RecordingFrames.SpotBtcusdt;
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id;
        var withSymbol = frames.Select(f => f.Origin == FrameOrigin.RestSnapshot ? new RawFrame(f.LocalTimeNs, f.Origin, btc, 0, f.Payload) : f);

        var parser = Compare(registry, null, withSymbol);

        Assert.Equal(99_574, parser.Counters.Frames);
        Assert.Equal(0, parser.Counters.SlowPathFrames); // every real message took the fast path
    }

    [RequiresDataFact]
    public void The_fast_path_equals_the_reader_when_snapshots_name_their_symbol_only_by_stream_or_not_at_all()
    {
        // Snapshot lines carry no symbol here: the reader rejects them (MissingField), and so must the parser.
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 8);

        var parser = Compare(registry, null, RecordingFrames.SpotBtcusdt);

        Assert.Equal(1, parser.Counters[ParseResult.MissingField]);
    }

    [RequiresDataTheory]
    [InlineData("BINANCE", "binance-spot")]
    [InlineData("BINANCE_US", "binance-spot")]
    [InlineData("BINANCE_FUTURES", "binance-usdm")]
    [InlineData("BINANCE_DELIVERY", "binance-coinm")]
    public void The_fast_path_equals_the_reader_on_the_cryptofeed_samples(string prefix, string venue)
    {
        string dir = TestData.Path("binance", "cryptofeed");
        var readerRegistry = new SymbolRegistry();
        var frames = new List<RawFrame>();
        using (var source = TextRecording.Open([Path.Combine(dir, $"{prefix}.http.0.0.gz"), Path.Combine(dir, $"{prefix}.ws.1.0.gz")],
                   new TextSourceOptions(readerRegistry) { AutoRegisterVenue = venue }))
        {
            while (source.TryRead(out var f)) frames.Add(new RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray()));
        }

        // Same registry content for both parsers: the source registered every symbol it met, in order.
        var parser = Compare(readerRegistry, venue, frames);

        Assert.Equal(frames.Count, parser.Counters.Frames);
        Assert.Equal(0, parser.Counters.Rejected);
        Assert.True(parser.Counters.EventsProduced > frames.Count);
        // Only the kline frames (an event type the engine ignores) take the reader path.
        Assert.Equal(parser.Counters[ParseResult.Ignored], parser.Counters.SlowPathFrames);
    }

    [Fact]
    public void The_fast_path_equals_the_reader_on_the_simulator_output()
    {
        var registry = new SymbolRegistry();
        var options = SimulatorOptions.For("BTCUSDT,ETHUSDT", TimeSpan.FromSeconds(60), seed: 5);
        var frames = new List<RawFrame>();
        using (var source = new MarketSimulatorSource(options, registry))
        {
            while (source.TryRead(out var f)) frames.Add(new RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray()));
        }

        var parser = Compare(registry, null, frames);

        Assert.True(frames.Count > 1000);
        Assert.Equal(0, parser.Counters.Rejected);
        Assert.Equal(0, parser.Counters.SlowPathFrames);
    }

    /// <summary>Parses every frame with both paths (each with its own output) and asserts equal outcomes and events.</summary>
    internal static BinanceParser Compare(SymbolRegistry registry, string? autoRegisterVenue, IEnumerable<RawFrame> frames,
        bool dropDuplicateIds = true)
    {
        var options = new BinanceParserOptions { AutoRegisterVenue = autoRegisterVenue, DropDuplicateIds = dropDuplicateIds };
        var parser = new BinanceParser(registry, options);
        var reader = new ReaderParser(registry, options);
        var fast = new MarketEventBuffer(64);
        var slow = new MarketEventBuffer(64);
        int index = 0;
        foreach (var frame in frames)
        {
            fast.Clear();
            slow.Clear();
            var expected = reader.Parse(in frame, slow);
            var actual = parser.Parse(in frame, fast);
            if (expected != actual || !fast.Events.SequenceEqual(slow.Events))
            {
                Assert.Fail($"frame {index}: reader {expected} ({slow.Count} events), parser {actual} ({fast.Count} events): " +
                            $"{FirstDifference(fast.Events, slow.Events)}\n{System.Text.Encoding.UTF8.GetString(frame.Payload.Span)}");
            }
            index++;
        }
        return parser;
    }

    private static string FirstDifference(ReadOnlySpan<MarketEvent> actual, ReadOnlySpan<MarketEvent> expected)
    {
        for (int i = 0; i < Math.Min(actual.Length, expected.Length); i++)
            if (!actual[i].Equals(expected[i])) return $"event {i}: parser {actual[i]} / reader {expected[i]}";
        return "different counts";
    }
}
