namespace HftScalper.Cli.Tests;

/// <summary><c>hft calibrate</c> measures the simulator (no file) per symbol and prints one JSON object.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CalibrateTests
{
    [Fact]
    public void Calibrate_measures_each_simulated_symbol_as_json()
    {
        var run = Hft.Run(["calibrate", "--sim-minutes", "1", "--sim-symbols", "btcusdt,alt1usdt", "--symbol", "all", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.True((long)o["samples"]! > 200, run.ToString());
        Assert.InRange((double)o["flatShare2s"]!, 0.0, 1.0);
        Assert.Equal(5, o["spearman"]!["imbalance_1"]!.AsArray().Count);
        Assert.Equal(4, o["returnAutocorrelation"]!.AsArray().Count);
        var segments = o["segments"]!.AsArray();
        Assert.Equal(["BTCUSDT [sim]", "ALT1USDT [sim]"], segments.Select(s => (string)s!["name"]!).Order(StringComparer.Ordinal).Reverse());
        // The quiet book stays flat far more often than BTCUSDT's busy one: what the training mix adds.
        Assert.True((double)segments.First(s => ((string)s!["name"]!).StartsWith("ALT1", StringComparison.Ordinal))!["flatShare2s"]!
            > (double)segments.First(s => ((string)s!["name"]!).StartsWith("BTC", StringComparison.Ordinal))!["flatShare2s"]!, run.ToString());
    }
}
