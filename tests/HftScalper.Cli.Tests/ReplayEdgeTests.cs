using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary><c>replay --json</c>'s <c>edge</c> object says why a run makes no entries: the expected moves the EV gate
/// saw, the cost it compared them with, and how many cleared. Computed from the same simulated minutes at the default
/// (spot VIP 0) fees and at zero fees; nothing here is a stored figure.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayEdgeTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonObject Replay(string? configJson)
    {
        // A model that calls entries on the simulator's BTCUSDT: the default (behind its baseline gate since session 13)
        // calls none there, so no decision would reach the expected-value gate at any fee.
        var args = new List<string> { "replay", "--sim-minutes", "3", "--quiet", "--json", "--model", BundledModels.Trading };
        if (configJson is not null)
        {
            string config = Path.Combine(_dir, "config.json");
            File.WriteAllText(config, configJson);
            args.AddRange(["--config", config]);
        }
        var run = Hft.Run([.. args]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    private static double D(JsonNode? n) => n!.GetValue<double>();
    private static long L(JsonNode? n) => n!.GetValue<long>();

    [Fact]
    public void Zero_fees_clear_decisions_that_the_default_fees_refuse()
    {
        var paid = Replay(null);
        var free = Replay("""{ "makerFeePpm": 0, "takerFeePpm": 0 }""");
        var e = paid["edge"]!.AsObject();
        var z = free["edge"]!.AsObject();

        // Default: spot VIP 0 is charged, entries reach the gate, none clears, and the largest expected move is below
        // the smallest possible cost (the fees alone).
        Assert.Equal("spot", e["market"]!.GetValue<string>());
        Assert.Equal(10.0, D(e["makerFeeBps"]));
        Assert.True(L(e["decisions"]) > 0, e.ToJsonString());
        Assert.Equal(0, L(e["cleared"]));
        Assert.Equal(0, L(e["coversCost"]));
        Assert.Equal(0, L(paid["orders"]));
        var move = e["expectedMoveBps"]!.AsObject();
        var cost = e["costBps"]!.AsObject();
        Assert.True(D(move["max"]) < D(cost["fees"]), e.ToJsonString());
        Assert.True(D(move["p50"]) <= D(move["p90"]) && D(move["p90"]) <= D(move["max"]) + 0.01, move.ToJsonString());
        Assert.Equal(20.0, D(cost["fees"]), 6); // maker in (10) + taker out (10): the maker route is the one judged
        Assert.True(D(cost["mean"]) >= D(cost["fees"]));
        var sym = e["bySymbol"]!.AsArray().Single()!;
        Assert.Equal(L(e["decisions"]), L(sym["decisions"]));

        // Zero fees: the same market, and now some decisions clear (and the run trades); a cleared decision's move
        // covers its cost, so coversCost counts at least those.
        Assert.Equal(0.0, D(z["makerFeeBps"]));
        Assert.True(L(z["cleared"]) > 0, z.ToJsonString());
        Assert.True(L(z["coversCost"]) >= L(z["cleared"]), z.ToJsonString());
        Assert.True(L(z["cleared"]) <= L(z["decisions"]));
        Assert.True(L(free["orders"]) > 0, free.ToJsonString());
        Assert.Equal(0.0, D(z["costBps"]!["fees"]));
    }

    [Fact]
    public void The_maker_usdm_preset_and_the_10s_model_run_and_the_gate_judges_them_at_usdm_vip0_maker_fees()
    {
        string preset = Path.Combine(TestData.RepoRoot, "docs", "presets", "maker-usdm.json");
        string model = Path.Combine(TestData.RepoRoot, "models", "btc-sim-10s.onnx");
        var run = Hft.Run(["replay", "--sim-minutes", "2", "--seed", "4", "--quiet", "--json", "--market", "usdm", "--model", model, "--config", preset]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        var e = o["edge"]!.AsObject();
        Assert.Equal("usdm", e["market"]!.GetValue<string>());
        Assert.Equal(2.0, D(e["makerFeeBps"]));
        Assert.Equal(5.0, D(e["takerFeeBps"]));
        Assert.True(L(e["decisions"]) > 0, e.ToJsonString());
        Assert.Equal("btc-sim-10s", o["model"]!["name"]!.GetValue<string>());
        // Maker-first at USD-M VIP 0: a post-only entry and a taker exit, 2 + 5 bps, is the cost judged.
        Assert.Equal(7.0, D(e["costBps"]!["fees"]), 6);
    }
}
