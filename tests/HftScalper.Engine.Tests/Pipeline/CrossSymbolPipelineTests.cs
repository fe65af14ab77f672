using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Simulator.Model;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// With the cross-symbol block on, the pipeline (inline and threaded: the live and replay path) writes the same rows as
/// the dataset replay training uses, bit for bit, over two interleaved symbols; and it reports the block's counters.
/// </summary>
public sealed class CrossSymbolPipelineTests
{
    private static readonly SimulatorOptions Coupled = new()
    {
        Symbols = [SymbolProfile.Btcusdt, SymbolProfile.Ethusdt],
        Duration = TimeSpan.FromMinutes(2),
        Seed = 4,
        LeadLag = new LeadLagCoupling("BTCUSDT"),
    };

    private static readonly FeatureEngineOptions Features = FeatureEngineOptions.Default with { CrossSymbol = new CrossSymbolOptions("BTCUSDT") };

    private static ReplaySource Source(SymbolRegistry registry) => new(ReplayFormat.Unknown, new MarketSimulatorSource(Coupled, registry));

    [Theory]
    [InlineData(PipelineTopology.Inline)]
    [InlineData(PipelineTopology.Threaded)]
    public void Pipeline_rows_equal_the_training_replays_rows_bit_for_bit(PipelineTopology topology)
    {
        var expected = new List<float[]>();
        var registry = new SymbolRegistry();
        using (var replay = new FeatureReplay(registry, new FeatureReplayOptions { Features = Features }))
        using (var source = Source(registry))
            replay.Run(source.Feed(registry, "binance-spot"), (in info, row) => { if (info.BookSynced) expected.Add(row.ToArray()); });
        int width = FeatureEngine.SchemaFor(FeatureEngine.DefaultSchema, Features.CrossSymbol).Count;
        var canary = new CanaryRows(width, 512);
        var runRegistry = new SymbolRegistry();
        PipelineResult result;
        using (var source = Source(runRegistry))
            result = new TradingPipeline(runRegistry, new PipelineOptions { Topology = topology, WarmupEvents = 0, Features = Features }, new SingleModelSource(null),
                NullLogger.Instance, new PipelineHooks { Canary = canary }).Run(source.Feed(runRegistry, "binance-spot"));

        var rows = canary.Snapshot(out int n);
        Assert.Equal(512, n);
        Assert.Equal(expected.Count, canary.Recorded);
        for (int i = 0; i < n; i++)
            Assert.Equal(expected[expected.Count - n + i].Select(BitConverter.SingleToInt32Bits), rows.AsSpan(i * width, width).ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Contains(expected, r => r[width - 5] == 1); // rows that saw the leader
        var x = result.CrossSymbol!;
        Assert.Equal("BTCUSDT", x.Leader);
        Assert.True(x.LiveRows > 1000 && x.LeaderRows > 1000, $"live {x.LiveRows}, leader {x.LeaderRows}, neutral {x.NeutralRows}");
        Assert.Equal(result.Decisions, x.LiveRows + x.NeutralRows + x.LeaderRows);
    }
}
