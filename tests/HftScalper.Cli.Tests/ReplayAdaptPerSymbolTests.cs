using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft replay --adapt --adapt-per-symbol</c> on two simulated symbols in two regimes (<c>--sim-symbols
/// btcusdt,ethusdt --switch-at 3 --switch-symbols btcusdt</c>): both start from the shared model; the one whose market
/// changed detects it, retrains on its own data, and graduates to its own model by the paired-test rule, while the
/// other stays on the shared model; each has its own registry; the same run twice gives the same digest and figures.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayAdaptPerSymbolTests : IDisposable
{
    // The settings of ReplayAdaptTests (chosen on sim seed 1, one symbol), two symbols of which one switches regime.
    private static readonly string[] Args =
    [
        "replay", "--sim-minutes", "9", "--sim-symbols", "btcusdt,ethusdt", "--switch-at", "3", "--switch-symbols", "btcusdt",
        "--adapt", "--json", "--quiet", "--drift-block", "5", "--drift-reference", "24", "--retrain-delay", "20", "--retrain-window", "120",
        "--promote-min-blocks", "6", "--promote-min-resolved", "200", "--probation", "2000",
    ];

    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonNode Replay(string name, params string[] more)
    {
        // The default's trees without their serving-time gate (ReplayAdaptTests says why: with it no alarm, no candidate).
        var run = Hft.Run([.. Args, .. more, "--model", BundledModels.DefaultServedAsTrained(Path.Combine(_dir, name + "-model")), "--adapt-dir", Path.Combine(_dir, name)]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    private static JsonNode Symbol(JsonNode adaptation, string name) =>
        adaptation["symbols"]!.AsArray().Single(s => (string)s!["symbol"]! == name)!;

    [Fact]
    public void The_symbol_whose_market_changed_graduates_to_its_own_model_the_other_stays_on_the_shared_one_the_same_way_every_run()
    {
        string report = Path.Combine(_dir, "report");
        var first = Replay("a", "--adapt-per-symbol", "4", "--report", report);
        var second = Replay("b", "--adapt-per-symbol", "4");

        var a = first["adaptation"]!;
        Assert.True((bool)a["perSymbol"]!, a.ToJsonString());
        Assert.Equal(2, a["symbols"]!.AsArray().Count);
        var btc = Symbol(a, "BTCUSDT");
        var eth = Symbol(a, "ETHUSDT");
        // BTCUSDT's market changed at minute 3: its loss rose, it retrained on its own data and beat the shared model.
        Assert.True((double)btc["firstAlarmSeconds"]! > 180, btc.ToJsonString());
        Assert.True((long)btc["promotions"]! >= 1, btc.ToJsonString());
        Assert.True((bool)btc["graduated"]!, btc.ToJsonString());
        Assert.True((double)btc["accuracyAfterChange"]! < (double)btc["accuracyBefore"]!, btc.ToJsonString());
        Assert.True((double)btc["accuracyAfterPromotion"]! > (double)btc["accuracyAfterChange"]!, btc.ToJsonString());
        // ETHUSDT kept its regime: no alarm, no promotion, still served by the shared model it started from.
        Assert.Equal(0, (long)eth["driftAlarms"]!);
        Assert.Equal(0, (long)eth["promotions"]!);
        Assert.False((bool)eth["graduated"]!, eth.ToJsonString());
        Assert.Contains("shared-", (string)eth["live"]!, StringComparison.Ordinal);
        // The totals are the symbols' sums.
        foreach (var key in new[] { "driftAlarms", "retrains", "candidates", "promotions", "rollbacks" })
            Assert.Equal(a["symbols"]!.AsArray().Sum(s => (long)s![key]!), (long)a[key]!);
        Assert.Equal(1, (long)a["graduated"]!);
        // Each symbol has its own registry: BTCUSDT's history holds the shared start it graduated from; ETHUSDT's none.
        var btcManifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "a", (string)btc["registry"]!, "manifest.json")))!;
        var ethManifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "a", (string)eth["registry"]!, "manifest.json")))!;
        Assert.StartsWith("adapt-", (string)btcManifest["promoted"]!["file"]!, StringComparison.Ordinal);
        Assert.StartsWith("shared-", (string)btcManifest["history"]![0]!["file"]!, StringComparison.Ordinal);
        Assert.StartsWith("shared-", (string)ethManifest["promoted"]!["file"]!, StringComparison.Ordinal);
        Assert.Empty(ethManifest["history"]!.AsArray());
        Assert.Equal((string)first["digest"]!, (string)second["digest"]!);
        Assert.Equal(a.ToJsonString(), second["adaptation"]!.ToJsonString());
        // The report plots both symbols' pooled accuracy, with each step marked with its symbol.
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("<h2 id=\"adaptation\">Adaptation timeline</h2>", html, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT: ", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mark-promotion\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_a_symbol_graduates_it_is_served_exactly_by_the_shared_model()
    {
        // No alarm can fire: every decision of the per-symbol run is served by a symbol's copy of the shared model.
        var perSymbol = Replay("p", "--adapt-per-symbol", "4", "--drift-threshold", "1000000");
        var shared = Replay("s", "--drift-threshold", "1000000");

        Assert.Equal(0, (long)perSymbol["adaptation"]!["promotions"]!);
        Assert.Equal(2, perSymbol["adaptation"]!["symbols"]!.AsArray().Count);
        Assert.Equal((string)shared["digest"]!, (string)perSymbol["digest"]!);
    }

    [Fact]
    public void A_cap_of_one_symbol_leaves_the_second_on_the_shared_model_and_counts_it()
    {
        var a = Replay("c", "--adapt-per-symbol", "1", "--drift-threshold", "1000000")["adaptation"]!;

        Assert.Single(a["symbols"]!.AsArray());
        Assert.Equal(1, (long)a["symbolsRefused"]!);
    }

    [Fact]
    public void Below_the_transfer_threshold_a_symbols_retrain_pools_the_other_symbols_samples()
    {
        // Four minutes, both symbols retrained on demand at minute 2 with windows smaller than the transfer threshold.
        JsonNode Run(string name)
        {
            var run = Hft.Run(["replay", "--sim-minutes", "4", "--sim-symbols", "btcusdt,ethusdt", "--adapt", "--adapt-per-symbol", "4", "--transfer-below", "100000",
                "--retrain-at", "2", "--drift-threshold", "1000000", "--retrain-delay", "20", "--json", "--quiet", "--adapt-dir", Path.Combine(_dir, name)]);
            Assert.True(run.ExitCode == 0, run.ToString());
            return run.SingleJson();
        }

        var first = Run("t1");
        var second = Run("t2");

        var a = first["adaptation"]!;
        Assert.Equal(2, (long)a["transferRetrains"]!);
        foreach (var s in a["symbols"]!.AsArray())
        {
            Assert.Equal(1, (long)s!["transferRetrains"]!);
            Assert.Equal(1, (long)s["candidates"]!); // the pooled retrain gave a candidate, judged on the symbol's own decisions
            Assert.Contains(s["events"]!.AsArray(), e => ((string)e!["detail"]!).Contains("other symbol(s) (transfer)", StringComparison.Ordinal));
        }
        Assert.Equal((string)first["digest"]!, (string)second["digest"]!);
        Assert.Equal(a.ToJsonString(), second["adaptation"]!.ToJsonString());
    }

    [Fact]
    public void With_warm_start_transfer_a_thin_symbols_retrain_fine_tunes_the_shared_model_on_its_own_samples()
    {
        // As above, but the thin symbols' candidates continue the shared model (its trees + trees fitted on the symbol's own window).
        JsonNode Run(string name)
        {
            var run = Hft.Run(["replay", "--sim-minutes", "4", "--sim-symbols", "btcusdt,ethusdt", "--adapt", "--adapt-per-symbol", "4", "--transfer-below", "100000",
                "--transfer", "warm-start", "--retrain-at", "2", "--drift-threshold", "1000000", "--retrain-delay", "20", "--json", "--quiet",
                "--adapt-dir", Path.Combine(_dir, name)]);
            Assert.True(run.ExitCode == 0, run.ToString());
            return run.SingleJson();
        }

        var first = Run("w1");
        var second = Run("w2");

        var a = first["adaptation"]!;
        Assert.Equal(2, (long)a["transferRetrains"]!);
        Assert.Equal(2, (long)a["warmStartRetrains"]!);
        foreach (var s in a["symbols"]!.AsArray())
        {
            Assert.Equal(1, (long)s!["warmStartRetrains"]!);
            Assert.Equal(1, (long)s["candidates"]!);
            Assert.Contains(s["events"]!.AsArray(), e => ((string)e!["detail"]!).Contains("warm start of", StringComparison.Ordinal));
            Assert.DoesNotContain(s["events"]!.AsArray(), e => ((string)e!["detail"]!).Contains("other symbol(s)", StringComparison.Ordinal));
        }
        var candidates = Directory.GetFiles(Path.Combine(_dir, "w1"), "adapt-1.onnx", SearchOption.AllDirectories);
        Assert.Equal(2, candidates.Length);
        foreach (var candidate in candidates)
        {
            var model = Inference.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(candidate));
            var warm = JsonNode.Parse(model.MetadataProps.Single(p => p.Key == "hft.validation_metrics").Value)!["warmStart"]!;
            Assert.True((int)warm["baseTrees"]! > 0, candidate);
            Assert.Equal("two-stage", (string?)warm["form"]);
        }
        Assert.Equal((string)first["digest"]!, (string)second["digest"]!);
        Assert.Equal(a.ToJsonString(), second["adaptation"]!.ToJsonString());
    }

    [Fact]
    public void Warm_start_transfer_needs_a_transfer_threshold()
    {
        var run = Hft.Run(["replay", "--sim-minutes", "1", "--adapt", "--adapt-per-symbol", "2", "--transfer", "warm-start", "--json", "--adapt-dir", Path.Combine(_dir, "x")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--transfer-below", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_below_needs_per_symbol_adaptation()
    {
        var run = Hft.Run(["replay", "--sim-minutes", "1", "--adapt", "--transfer-below", "10", "--json", "--adapt-dir", Path.Combine(_dir, "x")]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--adapt-per-symbol", run.Stderr, StringComparison.Ordinal);
    }
}
