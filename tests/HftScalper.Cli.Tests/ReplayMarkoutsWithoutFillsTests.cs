using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A run without fills has no mean markout: <c>markouts[].meanBps</c> and <c>meanMidBps</c> are <c>null</c> (the key kept,
/// as <c>margin.minLiquidationDistanceBps</c> is null without a position), in <c>--json</c>, <c>summary.json</c> and every
/// <c>--baselines</c> strategy; the HTML report and the baselines table say "n/a". They had been 0, which reads as a
/// measured break-even markout.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayMarkoutsWithoutFillsTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void NoValue(JsonNode markout)
    {
        Assert.Equal(0, (long)markout["resolved"]!);
        var o = markout.AsObject();
        Assert.True(o.ContainsKey("meanBps") && o["meanBps"] is null, markout.ToJsonString());
        Assert.True(o.ContainsKey("meanMidBps") && o["meanMidBps"] is null, markout.ToJsonString());
    }

    [Fact]
    public void A_run_without_fills_writes_null_mean_markouts_everywhere()
    {
        string report = Path.Combine(_dir, "report");
        // The bundled default calls no entry in the simulator's first minutes (BundledModels.Trading's remark).
        var run = Hft.Run("replay", "--sim-minutes", "2", "--baselines", "--report", report, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(0, (long)o["attribution"]!["fills"]!);
        Assert.NotEmpty(o["markouts"]!.AsArray());
        foreach (var m in o["markouts"]!.AsArray()) NoValue(m!);
        var model = o["baselines"]!["strategies"]!.AsArray().Single(s => (string?)s!["strategy"] == "model")!;
        foreach (var m in model["markouts"]!.AsArray()) NoValue(m!);
        NoValue(model["markoutAtHorizon"]!);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "summary.json")))!;
        foreach (var m in summary["markouts"]!.AsArray()) NoValue(m!);
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("<td>0</td><td>n/a</td><td>n/a</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_fills_keeps_its_mean_markouts()
    {
        var run = Hft.Run("replay", "--sim-minutes", "2", "--no-model", "--baselines", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.True((long)o["attribution"]!["fills"]! > 0, run.ToString());
        foreach (var m in o["markouts"]!.AsArray().Where(m => (long)m!["resolved"]! > 0))
            Assert.NotNull(m!["meanBps"]);
    }
}
