using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Engine.Tests.Features;
using HftScalper.Features.Engine;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;

namespace HftScalper.Training.Tests;

public sealed class FeatureReplayTests
{
    [Fact]
    public void Simulator_replayed_in_random_chunks_gives_the_rows_of_one_replay()
    {
        var frames = FrameListSource.ReadAll(new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(3) }));

        var whole = Replay(frames, [frames.Count]);
        var chunked = Replay(frames, RandomChunks(frames.Count, seed: 42));

        Assert.True(whole.Count > 10_000, $"{whole.Count} rows");
        AssertSameRows(whole, chunked);
        Assert.Contains(whole, r => r.Info.BookSynced);
    }

    [RequiresDataFact]
    public void Real_recording_replayed_in_random_chunks_gives_the_rows_of_one_replay()
    {
        var registry = new SymbolRegistry();
        using var source = ReplaySourceFactory.Open(registry, TestData.BinanceSpotBtcusdt);
        var frames = FrameListSource.ReadAll(source.Frames!);

        var whole = Replay(frames, [frames.Count]);
        var chunked = Replay(frames, RandomChunks(frames.Count, seed: 7));

        Assert.True(whole.Count > 50_000, $"{whole.Count} rows");
        AssertSameRows(whole, chunked);
        int spread = FeatureEngine.DefaultSchema.IndexOf("spread_bps"), valid = FeatureEngine.DefaultSchema.IndexOf("book_valid");
        var synced = whole.Where(r => r.Values[valid] == 1f).ToList();
        Assert.True(synced.Count > whole.Count / 2);
        // Spreads in bps of the mid: BTCUSDT (~61,000 USDT) is mostly one tick (0.01 USDT) wide, ~0.0016 bps.
        var spreads = synced.Select(r => r.Values[spread]).Order().ToArray();
        Assert.InRange(spreads[spreads.Length / 2], 0.0015f, 0.0017f);
        Assert.InRange(spreads[spreads.Length * 8 / 10], 0.0015f, 0.0034f); // the bookTicker stream: p90 2 ticks, 9% wider than 10
        Assert.All(whole, r => Assert.All(r.Values, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void Two_replays_of_the_simulator_write_identical_rows()
    {
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) };
        var a = ReplaySimulator(options);
        var b = ReplaySimulator(options);

        AssertSameRows(a, b);
    }

    [Fact]
    public void Warmed_up_book_and_feature_step_allocates_nothing()
    {
        var registry = new SymbolRegistry();
        var events = new List<MarketEvent>();
        {
            var parser = new Binance.Parsing.BinanceParser(registry, new Binance.Parsing.BinanceParserOptions { AutoRegisterVenue = "binance-spot" });
            var buffer = new Binance.Parsing.MarketEventBuffer();
            var sim = new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2 * (2 + SteadyStateAllocation.DefaultPasses)) }, registry);
            while (sim.TryRead(out var f)) { buffer.Clear(); parser.Parse(in f, buffer); foreach (var e in buffer.Events) events.Add(e); }
        }
        using var processor = new BookFeatureProcessor(registry, new Binance.Sync.BookSyncOptions());
        var row = new float[processor.Features.Width];
        var all = events.ToArray();
        int slice = all.Length / (2 + SteadyStateAllocation.DefaultPasses), decisions = 0; // about two minutes each
        for (int i = 0; i < slice; i++) processor.OnEvent(in all[i], row, out _);

        // Each pass is the next slice; decisions are the last pass's.
        long allocated = SteadyStateAllocation.FewestBytes(pass =>
        {
            decisions = 0;
            for (int i = (1 + pass) * slice; i < (2 + pass) * slice; i++)
                if (processor.OnEvent(in all[i], row, out _)) decisions++;
        });

        Assert.True(decisions > 1000);
        Assert.Equal(0, allocated);
    }

    internal sealed record DecisionRow(DecisionInfo Info, float[] Values);

    private static List<DecisionRow> ReplaySimulator(SimulatorOptions options)
    {
        var registry = new SymbolRegistry();
        var rows = new List<DecisionRow>();
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions());
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
        replay.Run(source.Feed(registry, "binance-spot"), (in DecisionInfo info, ReadOnlySpan<float> row) => rows.Add(new DecisionRow(info, row.ToArray())));
        return rows;
    }

    private static List<DecisionRow> Replay(List<RawFrame> frames, IReadOnlyList<int> chunks)
    {
        var registry = new SymbolRegistry();
        var rows = new List<DecisionRow>();
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Log = _ => { } });
        var parser = BinanceEventFeed.ReplayParser(registry, "binance-spot");
        int from = 0;
        foreach (int n in chunks)
        {
            using var piece = new FrameListSource(frames, from, n);
            replay.Run(new BinanceEventFeed(piece, parser), (in DecisionInfo info, ReadOnlySpan<float> row) => rows.Add(new DecisionRow(info, row.ToArray())));
            from += n;
        }
        Assert.Equal(frames.Count, from);
        return rows;
    }

    private static List<int> RandomChunks(int total, int seed)
    {
        var rng = new Random(seed);
        var chunks = new List<int>();
        for (int left = total; left > 0;)
        {
            int n = Math.Min(left, rng.Next(1, Math.Max(2, total / 20)));
            chunks.Add(n);
            left -= n;
        }
        return chunks;
    }

    private static void AssertSameRows(List<DecisionRow> expected, List<DecisionRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Info, actual[i].Info);
            Assert.True(expected[i].Values.AsSpan().SequenceEqual(actual[i].Values), $"row {i} differs");
        }
    }
}
