using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>replay --online</c>: the online layer scored prequentially beside the frozen model (the <c>online</c> object),
/// the decisions unchanged unless config <c>online.drive</c>, and with <c>online.ab</c> the <c>ab</c> object.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayOnlineTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string json)
    {
        string path = Path.Combine(_dir, $"online-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static JsonObject Replay(params string[] extra) =>
        Hft.Run(["replay", "--sim-minutes", "2", "--quiet", "--json", .. extra]).SingleJson();

    [Fact]
    public void Online_reports_frozen_and_online_figures_prequentially_and_leaves_the_digest_unchanged()
    {
        var plain = Replay();

        var o = Replay("--online");

        Assert.Equal((string)plain["digest"]!, (string)o["digest"]!);
        Assert.Null(plain["online"]);
        var on = o["online"]!;
        Assert.False((bool)on["drive"]!);
        Assert.True((long)on["samples"]! > 1000, on.ToJsonString());
        Assert.True((long)on["learnt"]! > 10 && (long)on["learnt"]! <= (long)on["samples"]!, on.ToJsonString());
        Assert.Equal((long)on["predicted"]!, (long)on["samples"]! + (long)on["unresolved"]!);
        Assert.InRange((double)on["accuracy"]!, 0, 1);
        Assert.InRange((double)on["frozenAccuracy"]!, 0, 1);
        Assert.True((double)on["logLoss"]! > 0 && (double)on["frozenLogLoss"]! > 0, on.ToJsonString());
        Assert.True((long)on["pairedTest"]!["blocks"]! >= 2, on.ToJsonString());
        Assert.NotNull(on["pairedTest"]!["logLossPBetter"]);
        // The baselines the recalibration is judged against: the scored labels per class sum to the samples; the
        // hindsight majority is the largest share; the prequential majority is a share too.
        var counts = on["realisedCounts"]!.AsObject();
        Assert.Equal((long)on["samples"]!, (long)counts["down"]! + (long)counts["flat"]! + (long)counts["up"]!);
        double largest = new[] { "down", "flat", "up" }.Max(k => (long)counts[k]!) / (double)(long)on["samples"]!;
        Assert.Equal(largest, (double)on["majorityBaseline"]!, 5);
        Assert.InRange((double)on["prequentialMajority"]!, 0, 1);
        Assert.Null(o["ab"]);
    }

    [Fact]
    public void Driving_with_an_ab_split_changes_the_decisions_replays_to_the_same_digest_and_reports_both_arms()
    {
        string config = Config("""{ "online": { "enabled": true, "drive": true, "ab": { "fraction": 0.5, "split": "decision", "seed": 3 } } }""");
        var plain = Replay();

        var a = Replay("--config", config);
        var b = Replay("--config", config);

        Assert.NotEqual((string)plain["digest"]!, (string)a["digest"]!);
        Assert.Equal((string)a["digest"]!, (string)b["digest"]!);
        Assert.True((bool)a["online"]!["drive"]!);
        var ab = a["ab"]!;
        Assert.Equal("decision", (string)ab["split"]!);
        long live = (long)ab["live"]!["decisions"]!, cand = (long)ab["candidate"]!["decisions"]!;
        Assert.Equal((long)a["online"]!["predicted"]!, live + cand);
        Assert.InRange((double)cand / (live + cand), 0.45, 0.55);
        Assert.Equal("online", (string)ab["candidate"]!["model"]!);
        Assert.InRange((double)ab["live"]!["accuracy"]!, 0, 1);
        Assert.Equal(ab.ToJsonString(), b["ab"]!.ToJsonString());
    }

    [Fact]
    public void Per_symbol_layers_are_reported_per_symbol()
    {
        var o = Replay("--online", "--config", Config("""{ "online": { "perSymbol": true, "transferAfter": 100 } }"""));

        var symbols = o["online"]!["symbols"]!.AsArray();
        var btc = Assert.Single(symbols);
        Assert.Equal("BTCUSDT", (string)btc!["symbol"]!);
        Assert.True((long)btc["warmStartSamples"]! >= 100, btc.ToJsonString());
        Assert.True((long)btc["outcomes"]! > 0, btc.ToJsonString());
    }

    [Fact]
    public void Symbol_models_from_the_config_serve_their_symbol_and_are_reported()
    {
        string model = Path.Combine(TestData.RepoRoot, "models", "default.onnx");
        var plain = Replay();
        string config = Config($$"""{ "symbolModels": { "btcusdt": {{System.Text.Json.JsonSerializer.Serialize(model)}} } }""");

        var o = Replay("--config", config);

        // The same file for BTCUSDT as for the rest: the same decisions, through the per-symbol source.
        Assert.Equal((string)plain["digest"]!, (string)o["digest"]!);
        Assert.Equal(Path.GetFullPath(model), (string)o["symbolModels"]!["BTCUSDT"]!);
        var refused = Hft.Run(["replay", "--sim-minutes", "1", "--quiet", "--no-model", "--config", config]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("symbolModels", refused.Stderr);
    }

    [Fact]
    public void A_bad_online_setting_is_one_line_naming_the_key()
    {
        var run = Hft.Run(["replay", "--sim-minutes", "1", "--quiet", "--config", Config("""{ "online": { "enabled": true, "alpha": -1 } }""")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("online.alpha", run.Stderr);

        var ab = Hft.Run(["replay", "--sim-minutes", "1", "--quiet", "--config", Config("""{ "online": { "enabled": true, "ab": { "fraction": 0.5 } } }""")]);
        Assert.Equal(2, ab.ExitCode);
        Assert.Contains("online.drive", ab.Stderr);
    }
}
