using System.IO.Compression;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A recording written by <c>hft simulate</c> replays like the market it was made from: a file of several symbols
/// names each REST snapshot's symbol (a bare snapshot line could belong to any, and every book stayed unsynced: 8,784
/// of 17,388 decisions, 2 frames rejected, 0 orders), and the in-memory simulator applies the exchange's minimum
/// notional as the replay of its file does (it refused none, and traded 55 orders where the file traded 46).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SimulatedRecordingReplayTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonObject Replay(params string[] args)
    {
        var run = Hft.Run(["replay", .. args, "--no-model", "--quiet", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    private static string[] SnapshotLines(string file)
    {
        using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Contains("{\"lastUpdateId\":", StringComparison.Ordinal)) lines.Add(line);
        return [.. lines];
    }

    [Fact]
    public void A_two_symbol_file_names_each_snapshot_and_replays_with_both_books_synced()
    {
        string file = Path.Combine(_dir, "two.gz");
        var sim = Hft.Run(["simulate", "--minutes", "1", "--symbols", "btcusdt,ethusdt", "--out", file, "--json"]);
        Assert.True(sim.ExitCode == 0, sim.ToString());
        var snapshots = SnapshotLines(file);
        Assert.Contains(snapshots, l => l.Contains("{\"lastUpdateId\":", StringComparison.Ordinal) && l.Contains(",\"symbol\":\"BTCUSDT\",", StringComparison.Ordinal));
        Assert.Contains(snapshots, l => l.Contains(",\"symbol\":\"ETHUSDT\",", StringComparison.Ordinal));

        var o = Replay(file);
        Assert.Equal(0, o["parseRejected"]!.GetValue<long>());
        Assert.Equal(0, o["inputDamage"]!["rejectedFrames"]!.GetValue<long>());
        long decisions = o["decisions"]!.GetValue<long>();
        long unsynced = o["riskVerdicts"]!["bookNotSynced"]?.GetValue<long>() ?? 0;
        Assert.True(decisions > 10_000 && unsynced * 100 < decisions, o["riskVerdicts"]!.ToJsonString()); // only the first moments
    }

    [Fact]
    public void A_one_symbol_file_keeps_the_collector_s_bare_snapshot_line()
    {
        string file = Path.Combine(_dir, "one.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "0.5", "--out", file]).ExitCode);
        var snapshots = SnapshotLines(file);
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, l => Assert.DoesNotContain("\"symbol\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public void The_simulator_in_memory_and_its_file_refuse_orders_below_the_minimum_notional_alike()
    {
        string file = Path.Combine(_dir, "one.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "1", "--out", file]).ExitCode);
        var fromFile = Replay(file);
        var inMemory = Replay("--sim-minutes", "1");
        Assert.True((fromFile["riskVerdicts"]!["belowMinNotional"]?.GetValue<long>() ?? 0) > 0, fromFile["riskVerdicts"]!.ToJsonString());
        Assert.True((inMemory["riskVerdicts"]!["belowMinNotional"]?.GetValue<long>() ?? 0) > 0, inMemory["riskVerdicts"]!.ToJsonString());
        // The file carries the profile's quantities in Binance's 8 decimals and the simulator registers its own 5, so a
        // size at the notional's edge may round differently; the orders sent are the same.
        Assert.Equal(fromFile["orders"]!.GetValue<long>(), inMemory["orders"]!.GetValue<long>());
    }
}
