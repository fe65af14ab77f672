using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>The taker-entry preset (<c>docs/presets/edge-taker-10s.json</c>) runs with the 10 s model and trades IOC
/// entries with the EV gate at zero fees; <c>risk.entriesFromNs</c> read from a config refuses every entry before it
/// (<c>outsideEntryWindow</c>), so a run can replay from a snapshot yet trade only a later span.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayEntryWindowTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonObject Replay(string config)
    {
        string model = Path.Combine(TestData.RepoRoot, "models", "btc-sim-10s.onnx");
        var run = Hft.Run(["replay", "--sim-minutes", "2", "--seed", "4", "--quiet", "--json", "--market", "usdm", "--model", model, "--config", config]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    [Fact]
    public void The_taker_preset_trades_ioc_entries_and_an_entry_window_in_the_future_refuses_them_all()
    {
        string preset = Path.Combine(TestData.RepoRoot, "docs", "presets", "edge-taker-10s.json");
        var open = Replay(preset);
        var e = open["edge"]!.AsObject();
        Assert.Equal((0.0, 0.0), (e["makerFeeBps"]!.GetValue<double>(), e["takerFeeBps"]!.GetValue<double>()));
        Assert.True(open["orders"]!.GetValue<long>() > 0, e.ToJsonString());
        Assert.True(open["execution"]!["takerFills"]!.GetValue<long>() > 0, open["execution"]!.ToJsonString());
        Assert.Equal(0, open["riskVerdicts"]!["outsideEntryWindow"]?.GetValue<long>() ?? 0); // zero counts are left out

        var windowed = JsonNode.Parse(File.ReadAllText(preset))!.AsObject();
        windowed["risk"]!["entriesFromNs"] = 4_000_000_000_000_000_000; // year 2096: after every simulated event
        string config = Path.Combine(_dir, "window.json");
        File.WriteAllText(config, windowed.ToJsonString());
        var shut = Replay(config);
        Assert.Equal(0, shut["orders"]!.GetValue<long>());
        Assert.True(shut["riskVerdicts"]!["outsideEntryWindow"]!.GetValue<long>() > 0, shut["riskVerdicts"]!.ToJsonString());
        Assert.Equal(0, shut["edge"]!["decisions"]!.GetValue<long>()); // refused before the EV gate
    }
}
