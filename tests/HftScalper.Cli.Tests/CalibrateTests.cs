namespace HftScalper.Cli.Tests;

/// <summary><c>hft calibrate</c> measures the simulator (no file) per symbol and prints one JSON object; a recording
/// it can measure nothing on is an input error, as for <c>evaluate</c> (it printed a table of nulls with exit 0).</summary>
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

    [Fact]
    public void Latent_value_makes_the_simulated_mid_move_further()
    {
        // The same market and seed with and without the opt-in latent value (simulator README, "Move sizes"): without it
        // the 10 s rms move is about a third of the real 3.5 bps; with it, about the real figure.
        string[] args = ["calibrate", "--sim-minutes", "3", "--seed", "3", "--json"];
        var off = Hft.Run(args);
        var on = Hft.Run([.. args, "--latent-value"]);

        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.True(on.ExitCode == 0, on.ToString());
        double rmsOff = (double)off.SingleJson()["realisedVolatilityBps"]![1]!, rmsOn = (double)on.SingleJson()["realisedVolatilityBps"]![1]!;
        Assert.True(rmsOn > 2 * rmsOff, $"10 s rms move {rmsOn:0.00} bps with the latent value vs {rmsOff:0.00} without");
        Assert.Contains("latent-value", on.SingleJson()["source"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("latent-value", off.SingleJson()["source"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_recording_without_a_depth_snapshot_is_an_input_error_not_an_empty_table()
    {
        string dir = Hft.TempDir();
        try
        {
            string sim = Path.Combine(dir, "sim.gz"), cut = Path.Combine(dir, "nosnap.gz");
            Assert.Equal(0, Hft.Run(["simulate", "--minutes", "0.5", "--out", sim]).ExitCode);
            using (var read = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(sim), System.IO.Compression.CompressionMode.Decompress)))
            using (var write = new StreamWriter(new System.IO.Compression.GZipStream(File.Create(cut), System.IO.Compression.CompressionLevel.Fastest)))
                while (read.ReadLine() is { } line)
                    if (!line.Contains("{\"lastUpdateId\"", StringComparison.Ordinal)) write.WriteLine(line);

            ContractAssert.InputError(["calibrate", cut], "had a synced depth book");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
