using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>"directionSource": "Fallback"</c>: the rule-based fallback picks every direction and the model's expected move
/// only gates its entries, so what the model adds over the <c>fallback</c> baseline is exactly the entries it refuses.
/// With the gate wide open (a margin far below any move, taker entries like the fallback's) the run makes the fallback
/// baseline's decisions, digest for digest; with a margin no move reaches it sends no entry and the verdicts name the
/// gate's term.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayFallbackDirectionTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonObject Replay(double marginBps)
    {
        string config = Path.Combine(_dir, $"filter{marginBps}.json");
        File.WriteAllText(config, $$"""
            { "makerFeePpm": 0, "takerFeePpm": 0, "directionSource": "Fallback",
              "risk": { "makerFirst": false, "minEdgeBps": {{marginBps}} } }
            """);
        var run = Hft.Run(["replay", "--sim-minutes", "2", "--seed", "3", "--quiet", "--json", "--baselines", "--config", config]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    private static JsonObject Strategy(JsonObject run, string name) =>
        run["baselines"]!["strategies"]!.AsArray().Single(s => s!["strategy"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public void With_the_gate_wide_open_the_model_filtered_fallback_makes_the_fallback_baselines_decisions()
    {
        var run = Replay(-1000);
        var fallback = Strategy(run, "fallback");
        Assert.True(fallback["orders"]!.GetValue<long>() > 0, fallback.ToJsonString());
        Assert.Equal(fallback["digest"]!.GetValue<string>(), run["digest"]!.GetValue<string>());
        Assert.Equal(fallback["orders"]!.GetValue<long>(), run["orders"]!.GetValue<long>());
        var edge = run["edge"]!.AsObject();
        long gated = edge["decisions"]!.GetValue<long>();
        Assert.True(gated > 0, edge.ToJsonString()); // the model's expected move was there and judged every entry
        Assert.Equal(gated, edge["cleared"]!.GetValue<long>());
        Assert.Equal(0, run["modelSignals"]!.GetValue<long>());
        // The fallback's signals made under a healthy model are counted as the model-gated ones (the rest: warm-up).
        long gatedSignals = run["modelGatedFallbackSignals"]!.GetValue<long>();
        Assert.InRange(gatedSignals, 1, run["fallbackSignals"]!.GetValue<long>());
    }

    [Fact]
    public void With_a_margin_no_expected_move_reaches_no_entry_is_sent_and_the_verdict_names_the_gate()
    {
        var run = Replay(1000);
        Assert.Equal(0, run["orders"]!.GetValue<long>());
        var verdicts = run["riskVerdicts"]!.AsObject();
        // Every gated entry is refused by a term of the gate (fees, spread, slippage or the margin), nothing else.
        long refused = verdicts.Where(v => v.Key.StartsWith("edgeBelow", StringComparison.Ordinal)).Sum(v => v.Value!.GetValue<long>());
        Assert.True(verdicts["edgeBelowMargin"]!.GetValue<long>() > 0, verdicts.ToJsonString());
        Assert.Equal(refused, run["edge"]!["decisions"]!.GetValue<long>());
        Assert.True(Strategy(run, "fallback")["orders"]!.GetValue<long>() > 0); // the baseline, ungated, trades the same events
    }

    [Fact]
    public void An_unknown_direction_source_exits_2_naming_the_key()
    {
        string config = Path.Combine(_dir, "bad.json");
        File.WriteAllText(config, """{ "directionSource": "Oracle" }""");
        var run = Hft.Run(["replay", "--sim-minutes", "1", "--quiet", "--json", "--config", config]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("directionSource", run.ToString(), StringComparison.Ordinal);
    }
}
