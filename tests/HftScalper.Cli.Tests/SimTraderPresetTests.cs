using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>The opt-in simulator trader (<c>models/sim-trader-2s.onnx</c> with <c>docs/presets/sim-trader.json</c>,
/// README "A model trained for trading on the simulator, in its own direction"): the model picks every direction
/// (no fallback, no fallback entry filtered), it trades on a short simulated run, and its decisions replay to the same
/// digest.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SimTraderPresetTests
{
    private static JsonObject Replay()
    {
        string model = BundledModels.File("sim-trader-2s.onnx");
        string preset = Path.Combine(TestData.RepoRoot, "docs", "presets", "sim-trader.json");
        var run = Hft.Run(["replay", "--sim-minutes", "2", "--seed", "4", "--quiet", "--json", "--market", "usdm", "--model", model, "--config", preset]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    [Fact]
    public void The_sim_trader_preset_trades_in_the_models_own_direction_and_replays_to_the_same_digest()
    {
        var first = Replay();
        Assert.Equal("sim-trader-2s", first["model"]!["name"]!.GetValue<string>());
        Assert.True(first["orders"]!.GetValue<long>() > 0, first["execution"]!.ToJsonString());
        Assert.True(first["modelSignals"]!.GetValue<long>() > 0);
        Assert.Equal(0, first["fallbackSignals"]!.GetValue<long>());
        Assert.Equal(0, first["modelGatedFallbackSignals"]!.GetValue<long>());
        // The preset's zero fees: the gross edge (net at real tiers is re-priced by --baselines).
        Assert.Equal((0.0, 0.0), (first["edge"]!["makerFeeBps"]!.GetValue<double>(), first["edge"]!["takerFeeBps"]!.GetValue<double>()));

        var second = Replay();
        Assert.Equal(first["digest"]!.GetValue<string>(), second["digest"]!.GetValue<string>());
        Assert.Equal(first["orders"]!.GetValue<long>(), second["orders"]!.GetValue<long>());
    }
}
