using System.Globalization;
using System.Text.Json;
using PuppeteerSharp;

namespace HftScalper.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's chromium, driven over the DevTools protocol by PuppeteerSharp) during a
/// real <c>hft replay --serve</c> process: the page loads, its charts draw the run's data, its figures equal
/// <c>/metrics</c> for the same frame while the run goes on, and after the run it shows the final summary the
/// process printed. A screenshot is kept under artifacts/test-screenshots/.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    internal static async Task<IBrowser> LaunchAsync(string profile) => await Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        UserDataDir = profile,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        Timeout = (int)Generous.TotalMilliseconds,
    });

    [Fact]
    public async Task The_page_charts_a_running_replay_agrees_with_metrics_and_shows_the_final_summary()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: `apt-get install -y chromium` (scripts/test-all.sh, the README test command, installs it)");
        string dir = Directory.CreateTempSubdirectory("hft-dashboard-test-").FullName;
        string config = Path.Combine(dir, "zero-fees.json");
        File.WriteAllText(config, """{"makerFeePpm":0,"takerFeePpm":0}""");
        await using var browser = await LaunchAsync(Path.Combine(dir, "profile"));
        // Five simulated minutes at 10x: at least 30 s of running replay to look at (pacing only ever slows it), so a
        // loaded machine still opens the page and compares a frame while the run goes on.
        // --model: the bundled btc-sim-10s, which calls entries on the simulator (the default since session 13, behind its
        // baseline gate, calls none there and the page would chart no trade). --shadow: the same model scores again as a
        // candidate beside the live one, for the page's model monitor (a shadow must share the live model's feature profile).
        string model = Path.Combine(TestData.RepoRoot, "models", "btc-sim-10s.onnx");
        using var hft = new HftProcess("replay", "--sim-minutes", "5", "--speed", "10", "--config", config, "--json",
            "--model", model, "--shadow", model, "--serve", "127.0.0.1:0", "--serve-for", "5m");
        string url = await hft.WaitForLineAsync("dashboard:", Generous);
        string metricsUrl = await hft.WaitForLineAsync("metrics:", Generous);
        using var http = new HttpClient { Timeout = Generous };
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1100 });

        await page.GoToAsync(url, new NavigationOptions { Timeout = (int)Generous.TotalMilliseconds });
        await page.WaitForFunctionAsync("() => window.hftDashboard && window.hftDashboard.frame && window.hftDashboard.frame.running"
            + " && Number(document.getElementById('chart-price').dataset.points) >= 5", new WaitForFunctionOptions { Timeout = (int)Generous.TotalMilliseconds });
        int inkedCharts = await page.EvaluateFunctionAsync<int>(CountInkedCharts);

        // While the run goes on: scrape, then read the page; when both name the same frame, every figure must agree.
        var (pageFigures, scraped, running) = await SameFrameAsync(page, http, metricsUrl);

        string[] monitored = await page.EvaluateFunctionAsync<string[]>(
            "() => [...document.querySelectorAll('#monitor tr')].slice(1).map(r => r.cells[0].textContent)");

        var summary = await hft.WaitForJsonAsync(Generous);
        await page.WaitForFunctionAsync("() => !document.getElementById('summary-section').hidden", new WaitForFunctionOptions { Timeout = (int)Generous.TotalMilliseconds });
        var (finalFigures, finalScrape, _) = await SameFrameAsync(page, http, metricsUrl);
        string digest = await Text(page, "summary-digest");
        string trades = await Text(page, "summary-trades");
        string events = await Text(page, "summary-events");
        await SaveScreenshotAsync(page);
        bool exitedOnCtrlC = hft.Interrupt(Generous);

        Assert.Equal(4, inkedCharts);
        // The model monitor lists /metrics' model samples: the live model's role and the shadow candidate beside it.
        Assert.Contains(monitored, m => m.StartsWith("hft_model_info{role=\"live\"", StringComparison.Ordinal));
        Assert.Contains("hft_shadow_agreement_ratio", monitored);
        Assert.Contains(monitored, m => m.StartsWith("hft_model_online_accuracy{", StringComparison.Ordinal));
        foreach (var m in monitored) Assert.True(scraped.ContainsKey(m), $"the monitor shows {m}, which /metrics does not");
        Assert.True(running, "the frames compared mid-run said the run was over");
        Assert.NotEmpty(pageFigures);
        foreach (var (metric, shown) in pageFigures) Assert.True(scraped[metric] == shown, $"{metric}: page {shown}, /metrics {scraped[metric]}");
        Assert.True(pageFigures["hft_pipeline_events_total"] < summary.GetProperty("events").GetInt64(), "mid-run figures were the final ones");
        foreach (var (metric, shown) in finalFigures) Assert.True(finalScrape[metric] == shown, $"{metric} after the run: page {shown}, /metrics {finalScrape[metric]}");
        Assert.Equal(summary.GetProperty("events").GetInt64(), finalFigures["hft_pipeline_events_total"]);
        Assert.Equal(summary.GetProperty("decisions").GetInt64(), finalFigures["hft_pipeline_decisions_total"]);
        Assert.Equal(summary.GetProperty("digest").GetString(), digest);
        Assert.Equal(summary.GetProperty("trades").GetInt64().ToString(CultureInfo.InvariantCulture), trades);
        Assert.Equal(summary.GetProperty("events").GetInt64().ToString(CultureInfo.InvariantCulture), events);
        Assert.True(summary.GetProperty("trades").GetInt64() > 0, "the zero-fee replay made no trade");
        Assert.True(exitedOnCtrlC, "hft did not stop serving on Ctrl+C");
        Assert.Equal(0, hft.ExitCode);
    }

    // A chart counts as drawn when its uPlot canvas has non-background pixels along its lines.
    private const string CountInkedCharts = """
        () => ['chart-price', 'chart-equity', 'chart-probs', 'chart-latency'].filter(id => {
          const c = document.querySelector('#' + id + ' canvas');
          if (!c || c.width === 0) return false;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
          return ink > 200;
        }).length
        """;

    // The page's figures (element data-metric = a sample key of /metrics) for the frame a scrape also shows.
    private static async Task<(Dictionary<string, double> Page, Dictionary<string, double> Scrape, bool Running)> SameFrameAsync(IPage page, HttpClient http, string metricsUrl)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (DateTime.UtcNow < deadline)
        {
            var scrape = Parse(await http.GetStringAsync(metricsUrl));
            var shown = await page.EvaluateFunctionAsync<JsonElement>("""
                () => ({ seq: window.hftDashboard.seq, running: window.hftDashboard.frame.running,
                         figures: Object.fromEntries([...document.querySelectorAll('[data-metric]')].map(e => [e.dataset.metric, Number(e.textContent)])) })
                """);
            if (shown.GetProperty("seq").GetInt64() == (long)scrape["hft_dashboard_sample_sequence"])
            {
                var figures = shown.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
                return (figures, scrape, shown.GetProperty("running").GetBoolean());
            }
            await Task.Delay(30);
        }
        throw new TimeoutException("the page and /metrics never showed the same frame");
    }

    private static async Task<string> Text(IPage page, string id) =>
        await page.EvaluateFunctionAsync<string>("id => document.getElementById(id).textContent", id);

    private static async Task SaveScreenshotAsync(IPage page)
    {
        string dir = Path.Combine(TestData.RepoRoot, "artifacts", "test-screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(Path.Combine(dir, "dashboard.png"), new ScreenshotOptions { FullPage = true });
    }

    /// <summary>Sample key (name + label block) -> value.</summary>
    internal static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#')) continue;
            int space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
