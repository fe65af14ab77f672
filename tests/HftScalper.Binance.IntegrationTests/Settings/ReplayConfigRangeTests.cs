using HftScalper.Binance.IntegrationTests.Recording;

namespace HftScalper.Binance.IntegrationTests.Settings;

/// <summary>
/// <c>hft replay --config FILE</c> as a real process: every out-of-range or mistyped value is refused before the run
/// with exit 2 and one stderr line naming the key as written in the file (camelCase), never a .NET type name.
/// </summary>
public sealed class ReplayConfigRangeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hft-config-tests", Guid.NewGuid().ToString("N"));

    public ReplayConfigRangeTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("""{ "makerFeePpm": -1000000 }""", "makerFeePpm")]
    [InlineData("""{ "takerFeePpm": 2147483648 }""", "takerFeePpm")]
    [InlineData("""{ "makerFeePpm": -1000, "takerFeePpm": -1000 }""", "takerFeePpm")]
    [InlineData("""{ "risk": { "kellyFraction": 0 } }""", "risk.kellyFraction")]
    [InlineData("""{ "risk": { "maxEquityFraction": 0 } }""", "risk.maxEquityFraction")]
    [InlineData("""{ "risk": { "kellyFraction": 50 } }""", "risk.kellyFraction")]
    [InlineData("""{ "risk": { "kellyFraction": 1000 } }""", "risk.kellyFraction")]
    [InlineData("""{ "topology": "5" }""", "topology")]
    [InlineData("""{ "entryLatencyUs": 1e308 }""", "entryLatencyUs")]
    [InlineData("""{ "initialEquity": "lots" }""", "initialEquity")]
    [InlineData("""{ "ringSize": 1000 }""", "ringSize")]
    [InlineData("""{ "stageCores": [0, 4096] }""", "stageCores[1]")]
    [InlineData("""{ "signalEnter": 0.4, "signalExit": 0.5 }""", "signalExit")]
    [InlineData("""{ "signalEnter": 1.5 }""", "signalEnter")]
    [InlineData("""{ "waitStrategy": "fast" }""", "waitStrategy")]
    [InlineData("""{ "risk": { "maxOpenOrders": "many" } }""", "risk.maxOpenOrders")]
    [InlineData("""{ "risk": { "orderBurst": 0 } }""", "risk.orderBurst")]
    [InlineData("""{ "risk": { "maxDrawdownFraction": 2 } }""", "risk.maxDrawdownFraction")]
    [InlineData("""{ "risk": { "bogus": 1 } }""", "risk.bogus")]
    public async Task An_out_of_range_or_mistyped_setting_exits_2_with_one_line_naming_its_key(string json, string key)
    {
        string path = Write(json);

        var (exit, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "replay", "--no-model", "--quiet", "--sim-minutes", "0.05", "--config", path);

        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, stderr);
        string prefix = $"hft replay: error: config {path}: ";
        Assert.StartsWith(prefix, lines[0], StringComparison.Ordinal);
        string message = lines[0][prefix.Length..];
        Assert.True(message.StartsWith(key + " ", StringComparison.Ordinal) || message.StartsWith($"unknown setting {key} ", StringComparison.Ordinal), message);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("HftScalper.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_maker_rebate_is_accepted()
    {
        string path = Write("""{ "makerFeePpm": -100, "takerFeePpm": 1000 }""");

        var (exit, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "replay", "--no-model", "--quiet", "--sim-minutes", "0.05", "--config", path);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
    }

    [Theory]
    [InlineData("--metrics-port", "99999")]
    [InlineData("--topology", "5")]
    public async Task An_out_of_range_replay_option_exits_2_naming_the_option(string option, string value)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "replay", "--no-model", "--quiet", "--sim-minutes", "0.05", option, value);

        Assert.Equal(2, exit);
        var first = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        Assert.StartsWith($"hft replay: error: {option}", first, StringComparison.Ordinal);
        Assert.Contains(value, first, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", stderr, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "run.json");
        File.WriteAllText(path, json);
        return path;
    }
}
