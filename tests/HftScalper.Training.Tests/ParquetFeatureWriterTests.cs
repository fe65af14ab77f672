using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Parquet;

namespace HftScalper.Training.Tests;

public sealed class ParquetFeatureWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-features-").FullName;

    [Fact]
    public async Task Written_file_reads_back_the_rows_and_two_runs_write_the_same_bytes()
    {
        var options = new FeatureEngineOptions { Triggers = DecisionTriggers.Clock, ClockIntervalNs = 250_000_000 };
        var (rows, first) = Write("a.parquet", options);
        var (_, second) = Write("b.parquet", options);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        await using var reader = await ParquetReader.CreateAsync(first);
        Assert.Equal(FeatureEngine.DefaultSchema.Hash, reader.CustomMetadata["hft.feature_schema_hash"]);
        var fields = reader.Schema.DataFields;
        Assert.Equal(["exchange_time_ns", "symbol", "mid"], fields.Take(3).Select(f => f.Name));
        Assert.Equal(FeatureEngine.DefaultSchema.Features.Select(f => f.Name), fields.Skip(3).Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(rows.Count, (int)group.RowCount);
        var times = new long[rows.Count];
        await group.ReadAsync(fields[0], times.AsMemory());
        int garch = 3 + FeatureEngine.DefaultSchema.IndexOf("garch_vol");
        var garchVol = new float[rows.Count];
        await group.ReadAsync(fields[garch], garchVol.AsMemory());
        Assert.Equal(rows.Select(r => r.Info.ExchangeTimeNs), times);
        Assert.Equal(rows.Select(r => r.Values[garch - 3]), garchVol);
    }

    private (List<FeatureReplayTests.DecisionRow> Rows, string Path) Write(string name, FeatureEngineOptions options)
    {
        var registry = new SymbolRegistry();
        var path = Path.Combine(_dir, name);
        var rows = new List<FeatureReplayTests.DecisionRow>();
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Features = options });
        using var source = new ReplaySource(ReplayFormat.Unknown,
            new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, registry));
        using (var writer = new ParquetFeatureWriter(path, replay.Schema, registry))
        {
            replay.Run(source.Feed(registry, "binance-spot"), (in DecisionInfo info, ReadOnlySpan<float> row) =>
            {
                writer.Add(in info, row);
                rows.Add(new FeatureReplayTests.DecisionRow(info, row.ToArray()));
            });
        }
        Assert.InRange(rows.Count, 200, 260); // one row per 250 ms of exchange time over one minute
        return (rows, path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
