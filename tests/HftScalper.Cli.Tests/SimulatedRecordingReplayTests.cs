using System.IO.Compression;
using System.Text.Json.Nodes;
using HftScalper.Simulator;
using HftScalper.Simulator.Model;
using HftScalper.Simulator.Statistics;

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
    public void A_quiet_symbol_s_snapshot_before_its_first_stream_line_syncs_its_own_book_not_the_first_symbol_s()
    {
        // BTCUSDT beside a quiet SLOWUSDT at 100.00 (3 events/s, the same 2 price decimals): SLOWUSDT's named REST
        // snapshot comes before any of its stream lines. It had been read as BTCUSDT's (the file's only stream name so
        // far): BTCUSDT's book became SLOWUSDT's levels, every later BTCUSDT diff was dropped as older than that
        // snapshot, SLOWUSDT never synced, and the run traded BTCUSDT against a book at 100 with exit 0 and no gap
        // (3 minutes: +3,087.65 "PnL"); book-check failed with "never synced" and "nothing checked".
        string file = Path.Combine(_dir, "slow.gz");
        var options = new SimulatorOptions
        {
            Symbols = [SymbolProfile.Btcusdt, SymbolProfile.QuietAlt("SLOWUSDT", 10_000, 3, 100)], Duration = TimeSpan.FromMinutes(1), Seed = 6,
        };
        using (var source = new MarketSimulatorSource(options))
        using (var stream = RawLineFile.Create(file))
            RawLineFile.WriteAll(source, stream, ["BTCUSDT", "SLOWUSDT"]);
        var lines = RawLineFile.ReadLines(file).Select(l => l.Json).ToList();
        int snapshot = lines.FindIndex(l => l.Contains("\"symbol\":\"SLOWUSDT\"", StringComparison.Ordinal));
        int firstStream = lines.FindIndex(l => l.Contains("slowusdt@", StringComparison.Ordinal));
        Assert.True(snapshot >= 0 && snapshot < firstStream, $"snapshot at line {snapshot}, first stream line at {firstStream}");

        var check = Hft.Run(["book-check", file, "--json"]);
        Assert.True(check.ExitCode == 0, check.ToString());
        var states = check.SingleJson()["symbolStates"]!;
        Assert.Equal(("synced", "synced"), ((string?)states["BTCUSDT"], (string?)states["SLOWUSDT"]));

        string trades = Path.Combine(_dir, "slow.csv");
        var o = Replay(file, "--trades", trades);
        Assert.Equal(0, o["parseRejected"]!.GetValue<long>());
        var btcPrices = File.ReadLines(trades).Skip(1).Select(l => l.Split(',')).Where(f => f[1] == "BTCUSDT").Select(f => double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(btcPrices);
        Assert.All(btcPrices, p => Assert.InRange(p, 50_000, 80_000)); // BTCUSDT's own book, not SLOWUSDT's levels at 100
    }

    [Fact]
    public void A_recording_timed_in_microseconds_replays_as_the_same_recording_in_nanoseconds()
    {
        // collect-binancefutures wrote receive times in microseconds. Read as ns, a spot bookTicker (timed by its receive
        // time) sat in 1970: 1 minute "spanned" 19,924 days and the Sharpe was annualised from daily returns.
        string ns = Path.Combine(_dir, "ns.gz"), us = Path.Combine(_dir, "us.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "1", "--out", ns]).ExitCode);
        using (var w = new StreamWriter(new GZipStream(File.Create(us), CompressionLevel.Fastest)))
            foreach (var (t, json) in RawLineFile.ReadLines(ns))
                w.Write($"{t / 1_000} {json}\n");

        var a = Replay(ns);
        var b = Replay(us);

        Assert.Equal(a["exchangeSeconds"]!.GetValue<double>(), b["exchangeSeconds"]!.GetValue<double>(), 0.01);
        Assert.Equal("perTrade", (string?)b["sharpeBasis"]);
        Assert.Equal(a["decisions"]!.GetValue<long>(), b["decisions"]!.GetValue<long>());
        Assert.Equal(a["orders"]!.GetValue<long>(), b["orders"]!.GetValue<long>());
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
