using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary><c>hft run --adapt</c> as a real process against the fake exchange on 127.0.0.1: the loop's worker thread
/// (<c>hft-adapt</c>) runs, SIGUSR1 asks for a retrain that is counted on <c>/metrics</c> and in the JSON, and SIGTERM
/// (possibly during that retrain) ends the run cleanly with the summary.</summary>
public sealed class HftRunAdaptTests
{
    [Fact]
    public async Task Sigusr1_retrains_in_the_background_worker_and_sigterm_exits_cleanly()
    {
        if (!OperatingSystem.IsLinux()) return; // SIGUSR1 and /proc
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; probe.Stop(); }
        string metrics = $"http://127.0.0.1:{port}/metrics";

        using var hft = LiveProcess.Hft(new Dictionary<string, string?>(),
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(),
            "--duration", "10m", "--json", "--adapt", "--retrain-min-samples", "30", "--retrain-max-rows", "2000", "--serve", $"127.0.0.1:{port}");
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        // Decisions on a synced book: the window fills at one row per 100 ms of exchange time.
        while (DateTime.UtcNow < deadline && !hft.HasExited && Counter(await Scrape(http, metrics), "hft_pipeline_decisions_total") < 100) await Task.Delay(250);
        Assert.False(hft.HasExited, hft.Stderr);
        Assert.Contains("hft-adapt", hft.ThreadNames());
        Assert.Equal(0, Counter(await Scrape(http, metrics), "hft_adapt_retrains_total"));

        // One request per SIGUSR1; while the window holds fewer rows than --retrain-min-samples it is skipped (and counted).
        double retrains = 0, requests = 0;
        while (DateTime.UtcNow < deadline && !hft.HasExited && retrains < 1)
        {
            hft.Signal("USR1");
            await Task.Delay(1500);
            string text = await Scrape(http, metrics);
            retrains = Counter(text, "hft_adapt_retrains_total");
            requests = Counter(text, "hft_adapt_requests_total");
        }
        Assert.True(retrains >= 1, $"no retrain counted after {requests} requests:\n{hft.Stderr}");
        Assert.False(hft.HasExited, hft.Stderr); // SIGUSR1 did not end the process

        hft.Signal("USR1"); // one more, and SIGTERM right behind it: the retrain it starts is likely still running on the worker
        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
        var o = hft.LastJson();
        Assert.True(o["drained"]!.GetValue<bool>(), hft.Stdout);
        var adaptation = o["adaptation"]!.AsObject();
        Assert.True(adaptation["retrains"]!.GetValue<long>() >= 1, hft.Stdout);
        var cost = o["adaptationCost"]!.AsObject();
        Assert.True(cost["retrainRequests"]!.GetValue<long>() >= (long)requests, hft.Stdout);
        Assert.Equal(0, cost["workerErrors"]!.GetValue<long>());
        Assert.NotNull(cost["workerStopped"]);
        Assert.DoesNotContain("Unhandled exception", hft.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> Scrape(HttpClient http, string url)
    {
        try { return await http.GetStringAsync(url); }
        catch (HttpRequestException) { return ""; } // not listening yet
    }

    private static double Counter(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).First();
}
