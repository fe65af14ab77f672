using System.Text.Json.Nodes;
using HftScalper.Simulator;
using HftScalper.Simulator.Model;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A PEPEUSDT-like recording (a symbol in no filter table: price ~0.00001 at 8 decimals, quantities in the billions at
/// 0 decimals, a one-tick spread of ~10 bps) reads alike in every verb: <c>book-check</c>, <c>features</c> and the
/// datasets of <c>evaluate</c> and <c>train</c> register its symbol at the scales <c>replay</c> gives it (taken from its
/// messages). At the generic 10^-8 they had used, a level of more than 10^10 coins passed the parser's 10^18-lot bound:
/// valid depth messages were rejected as damage, the book lost them, and book-check failed (exit 3) a recording that
/// replay reads clean (10 minutes: 28 frames rejected, a gap, 2,230 feature rows dropped as unsynced).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ExtremeScaleRecordingTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The quiet tick-constrained profile at PEPE's scales: 1,000 ticks of 10^-8 (0.00001), 100 events/s, every size
    // written x10^6 with no decimals (top-of-book queues of ~10^10 coins, as PEPEUSDT's are).
    private string PepeLike(double minutes)
    {
        string file = Path.Combine(_dir, "pepe.gz");
        var profile = SymbolProfile.QuietAlt("PEPEUSDT", 1_000, 100, 3_000) with { PriceDecimals = 8, QuantityDecimals = 0, LotUnits = 1_000_000 };
        var options = new SimulatorOptions { Symbols = [profile], Duration = TimeSpan.FromMinutes(minutes), Seed = 1 };
        using (var source = new MarketSimulatorSource(options))
        using (var stream = RawLineFile.Create(file))
            RawLineFile.WriteAll(source, stream);
        return file;
    }

    private static JsonObject Json(params string[] args)
    {
        var run = Hft.Run([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    [Fact]
    public void Book_check_passes_a_pepe_like_recording_that_replay_reads_clean()
    {
        string file = PepeLike(2);

        var replay = Json("replay", file, "--no-model", "--quiet");
        var check = Json("book-check", file);

        Assert.Equal(0, replay["parseRejected"]!.GetValue<long>());
        Assert.Equal(0, check["inputDamage"]!["rejectedFrames"]!.GetValue<long>());
        Assert.Equal(0, check["gaps"]!.GetValue<long>());
        Assert.True(check["passed"]!.GetValue<bool>(), check.ToJsonString());
    }

    [Fact]
    public void Features_and_evaluate_keep_every_synced_row_of_a_pepe_like_recording()
    {
        string file = PepeLike(2);

        var features = Json("features", file, "--out", Path.Combine(_dir, "f.parquet"));
        var evaluate = Json("evaluate", "--model", BundledModels.File("default.onnx"), file);

        Assert.Equal(0, features["inputDamage"]!["rejectedFrames"]!.GetValue<long>());
        Assert.True(features["unsyncedRowsDropped"]!.GetValue<long>() < 20, features.ToJsonString()); // only before the first snapshot
        Assert.Equal(0, evaluate["inputDamage"]!["rejectedFrames"]!.GetValue<long>());
        Assert.Equal(features["rows"]!.GetValue<long>(), evaluate["segments"]![0]!["decisions"]!.GetValue<long>());
    }
}
