using CsCheck;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;
using HftScalper.Properties.Tests.Harness;
using HftScalper.Properties.Tests.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;

namespace HftScalper.Properties.Tests.Simulation;

/// <summary>
/// The built-in market simulator: the same seed gives the same frames byte for byte and the same parsed event
/// digest; different seeds give different streams; every simulated frame parses (fast path, never rejected).
/// </summary>
public sealed class SimulatorProperties
{
    private static readonly Gen<(ulong Seed, int Seconds, bool TwoSymbols)> Runs =
        Gen.Select(Gen.ULong, Gen.Int[1, 4], Gen.Bool);

    [Fact]
    public void The_same_seed_gives_the_same_frames_and_event_digest()
    {
        Property.Check(Runs, r =>
        {
            var a = Run(r.Seed, r.Seconds, r.TwoSymbols);
            var b = Run(r.Seed, r.Seconds, r.TwoSymbols);

            Assert.Equal(a, b);
        }, ciIterations: 8);
    }

    [Fact]
    public void Different_seeds_give_different_streams()
    {
        Property.Check(Gen.Select(Runs, Gen.ULong), t =>
        {
            var (r, other) = t;
            if (other == r.Seed) return;

            var a = Run(r.Seed, r.Seconds, r.TwoSymbols);
            var b = Run(other, r.Seconds, r.TwoSymbols);

            Assert.NotEqual(a.Frames, b.Frames);
            Assert.NotEqual(a.Events, b.Events);
        }, ciIterations: 8);
    }

    private static (ulong Frames, ulong Events) Run(ulong seed, int seconds, bool twoSymbols)
    {
        var registry = new SymbolRegistry();
        var options = SimulatorOptions.For(twoSymbols ? "btcusdt,ethusdt" : "btcusdt", TimeSpan.FromSeconds(seconds), seed);
        using var source = new MarketSimulatorSource(options, registry);
        var parser = new BinanceParser(registry);
        var buffer = new MarketEventBuffer(1024);
        var events = new MarketEventDigest();
        var frames = new List<OwnedFrame>();
        while (source.TryRead(out var frame))
        {
            frames.Add(OwnedFrame.From(frame));
            buffer.Clear();
            Assert.Equal(ParseResult.Events, parser.Parse(in frame, buffer));
            events.Add(buffer.Events);
        }
        Assert.Equal(0, parser.Counters.SlowPathFrames);
        Assert.NotEmpty(frames);
        return (OwnedFrame.Digest(frames), events.Value);
    }
}
