using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>replay --gate-horizon</c> / <c>--gate-threshold</c> / <c>--config</c> <c>model.gateHorizonNs</c>: the default
/// keeps the main command's digest and says the gate judges at the model's 2 s; a configured horizon is reported in
/// <c>gateHorizonSeconds</c> and changes what is served; bad values are refused before any replay, exit 2, naming the key.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayGateHorizonTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_default_keeps_the_main_digest_and_a_configured_horizon_is_served_and_reported()
    {
        var plain = Hft.Run(["replay", "--json", "--quiet"]);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        var o = plain.SingleJson();
        Assert.Equal("a5164a5d50c1b8f9", (string?)o["digest"]);
        Assert.Equal(2.0, (double)o["gateHorizonSeconds"]!);
        Assert.Equal("0ticks", (string?)o["gateThreshold"]);

        string config = Path.Combine(_dir, "gate.json");
        File.WriteAllText(config, """{ "model": { "gateHorizonNs": 10000000000 } }""");
        var viaConfig = Hft.Run(["replay", "--json", "--quiet", "--config", config]);
        Assert.True(viaConfig.ExitCode == 0, viaConfig.ToString());
        var c = viaConfig.SingleJson();
        Assert.Equal(10.0, (double)c["gateHorizonSeconds"]!);
        Assert.NotEqual("a5164a5d50c1b8f9", (string?)c["digest"]);
        Assert.NotEqual((long)o["movePriorRows"]!, (long)c["movePriorRows"]!);

        // The command line overrides the file: 0 = the model's own horizon, today's serving.
        var back = Hft.Run(["replay", "--json", "--quiet", "--config", config, "--gate-horizon", "0"]);
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal("a5164a5d50c1b8f9", (string?)back.SingleJson()["digest"]);
    }

    [Theory]
    [InlineData("--gate-horizon", "-5s", "--gate-horizon")]
    [InlineData("--gate-horizon", "ten", "--gate-horizon")]
    [InlineData("--gate-horizon", "2h", "--gate-horizon")]
    [InlineData("--gate-horizon", "10us", "--gate-horizon")]
    [InlineData("--gate-threshold", "-1bps", "--gate-threshold")]
    public void Bad_command_line_values_are_refused_with_exit_2(string option, string value, string named)
    {
        var run = Hft.Run(["replay", "--json", "--quiet", option, value]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gate-horizon", "-5s")]
    [InlineData("--gate-threshold", "lots")]
    public void Run_refuses_bad_values_before_connecting(string option, string value)
    {
        var run = Hft.Run(["run", "--symbols", "btcusdt", "--url", "ws://127.0.0.1:9", "--duration", "1s", "--json", option, value]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "model": { "gateHorizonNs": -1 } }""", "model.gateHorizonNs")]
    [InlineData("""{ "model": { "gateHorizonNs": 7200000000000 } }""", "model.gateHorizonNs")]
    [InlineData("""{ "model": { "gateThreshold": "lots" } }""", "model.gateThreshold")]
    public void Bad_config_values_are_refused_with_exit_2_naming_the_key(string json, string key)
    {
        string config = Path.Combine(_dir, "bad.json");
        File.WriteAllText(config, json);
        var run = Hft.Run(["replay", "--json", "--quiet", "--config", config]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(key, run.Stderr, StringComparison.Ordinal);
    }
}
