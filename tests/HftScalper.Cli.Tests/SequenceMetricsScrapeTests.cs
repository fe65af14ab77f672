using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A sequence model's serving counters reach <c>/metrics</c> of a running <c>hft replay --serve</c> over real HTTP on
/// 127.0.0.1 (the dashboard's endpoint, as for <c>hft run</c>): an ensemble with a transformer member shows the rows
/// it answered with the member, while it warmed and after it failed, equal to the run's <c>ensembleMember</c>; the
/// transformer alone on a recording without a depth snapshot shows its warming stall (unsynced) and logs it while
/// the run goes on. Tiny training settings: CI stays cheap.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SequenceMetricsScrapeTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"^metrics: (http://127\.0\.0\.1:\d+/metrics)$", RegexOptions.Multiline)]
    private static partial Regex MetricsLine();

    [Fact]
    public async Task Ensemble_member_rows_and_warming_stalls_are_scraped_over_http_and_equal_the_run_summary()
    {
        var path = Path.Combine(_dir, "ensemble.onnx");
        var train = Hft.Run(["train", "--stacked", "--family", "transformer", "--sim-minutes", "3", "--folds", "3", "--candidates", "1", "--epochs", "1",
            "--features-from", "defaults", "--out", path, "--json", "--sequence-length", "4", "--cadence", "500ms", "--d-model", "8", "--heads", "2"]);
        Assert.True(train.ExitCode == 0, train.ToString());
        string member = (string)train.SingleJson()["models"]!.AsArray()[2]!;

        var (ensemble, summary, _) = await ServeAndScrapeAsync("--sim-minutes", "1", "--model", path);
        var m = summary["ensembleMember"]!;
        double Member(string outcome) => ensemble.Single(kv => kv.Key.StartsWith("hft_model_ensemble_member_rows_total{role=\"live\"", StringComparison.Ordinal)
            && kv.Key.EndsWith($",outcome=\"{outcome}\"}}", StringComparison.Ordinal)).Value;
        Assert.True((long)m["rows"]! > 0, summary.ToJsonString());
        Assert.True((long)m["warmingRows"]! > 0, "the transformer member warmed at the start");
        Assert.Equal((long)m["rows"]!, Member("member"));
        Assert.Equal((long)m["warmingRows"]!, Member("warming"));
        Assert.Equal((long)m["failedRows"]!, Member("failed"));
        Assert.Equal((long)summary["inferenceRows"]!, Member("member") + Member("warming") + Member("failed"));
        Assert.Equal(0, ensemble["hft_pipeline_warming_stalls_total"]); // the ensemble never warms: the others answer

        if (!TestData.Available) return; // the stall needs the real recording without a depth snapshot
        var (alone, stalled, stderr) = await ServeAndScrapeAsync(TestData.BinanceSpotBtcusdt[1], "--model", member);
        Assert.Equal(1, (long)stalled["inferenceWarmingStalls"]!);
        Assert.Equal(1, alone["hft_pipeline_warming_stalls_total"]);
        Assert.Equal(1, alone["hft_pipeline_warming_unsynced_stalls_total"]);
        Assert.Equal((long)stalled["inferenceWarmingUnsyncedRows"]!, alone["hft_pipeline_warming_unsynced_rows_total"]);
        Assert.Equal((long)stalled["inferenceWarmingRows"]!, alone["hft_pipeline_inference_rows_total{outcome=\"warming\"}"]);
        Assert.False(alone.Keys.Any(k => k.StartsWith("hft_model_ensemble_member_rows_total", StringComparison.Ordinal)), "a model without a member has no member rows");
        // Logged when detected: the line comes before the run is over, once.
        int live = stderr.IndexOf("Warming stall on BTCUSDT", StringComparison.Ordinal), over = stderr.IndexOf("dashboard: the run is over", StringComparison.Ordinal);
        Assert.True(live >= 0 && live < over, stderr);
        Assert.Single(Regex.Matches(stderr, "Warming stall on BTCUSDT"));
    }

    // Runs `hft replay ... --json --serve 127.0.0.1:0`, scrapes /metrics once the run is over (the final figures), stops
    // it with Ctrl+C and returns the scrape, the summary and stderr.
    private static async Task<(Dictionary<string, double> Metrics, JsonObject Summary, string Stderr)> ServeAndScrapeAsync(params string[] args)
    {
        using var hft = new HftProcess(new Dictionary<string, string>(), ["replay", .. args, "--json", "--serve", "127.0.0.1:0"]);
        hft.WaitForStderr(e => e.Contains("dashboard: the run is over; serving ", StringComparison.Ordinal), TimeSpan.FromMinutes(8));
        string url = MetricsLine().Match(hft.Stderr).Groups[1].Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        string text = await http.GetStringAsync(url);
        hft.Signal("INT");
        int exit = hft.WaitForExit();
        Assert.True(exit == 0, $"exit {exit}\n{hft}");
        return (Parse(text), new HftRun(["replay"], exit, hft.Stdout, hft.Stderr).SingleJson(), hft.Stderr);
    }

    private static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#')) continue;
            int space = line.LastIndexOf(' ');
            Assert.True(samples.TryAdd(line[..space], double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture)), $"duplicate sample {line}");
        }
        return samples;
    }
}
