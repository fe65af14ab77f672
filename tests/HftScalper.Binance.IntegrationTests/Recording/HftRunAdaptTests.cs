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
        int port = PaperRun.FreePort();
        string metrics = $"http://127.0.0.1:{port}/metrics";

        using var hft = LiveProcess.Hft(new Dictionary<string, string?>(),
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(),
            "--duration", "10m", "--json", "--adapt", "--retrain-min-samples", "30", "--retrain-max-rows", "2000", "--serve", $"127.0.0.1:{port}");
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        // Decisions on a synced book: the window fills at one row per 100 ms of exchange time.
        while (DateTime.UtcNow < deadline && !hft.HasExited && PaperRun.Counter(await PaperRun.ScrapeAsync(http, metrics), "hft_pipeline_decisions_total") < 100) await Task.Delay(250);
        Assert.False(hft.HasExited, hft.Stderr);
        Assert.Contains("hft-adapt", hft.ThreadNames());
        Assert.Equal(0, PaperRun.Counter(await PaperRun.ScrapeAsync(http, metrics), "hft_adapt_retrains_total"));

        // One request per SIGUSR1; while the window holds fewer rows than --retrain-min-samples it is skipped (and counted).
        double retrains = 0, requests = 0;
        while (DateTime.UtcNow < deadline && !hft.HasExited && retrains < 1)
        {
            hft.Signal("USR1");
            await Task.Delay(1500);
            string text = await PaperRun.ScrapeAsync(http, metrics);
            retrains = PaperRun.Counter(text, "hft_adapt_retrains_total");
            requests = PaperRun.Counter(text, "hft_adapt_requests_total");
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

    [Fact]
    public async Task Per_symbol_adaptation_live_adopts_every_symbol_before_the_feed_and_retrains_them_on_one_worker()
    {
        if (!OperatingSystem.IsLinux()) return; // SIGUSR1
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT", "ETHUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;
        int port = PaperRun.FreePort();
        string metrics = $"http://127.0.0.1:{port}/metrics";
        string dir = Path.Combine(Path.GetTempPath(), "hft-run-adapt-ps-" + Guid.NewGuid().ToString("N")[..8]);

        try
        {
            using var hft = LiveProcess.Hft(new Dictionary<string, string?>(),
                "run", "--symbols", "btcusdt,ethusdt", "--mode", "paper", "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(),
                "--duration", "10m", "--json", "--adapt", "--adapt-per-symbol", "2", "--adapt-dir", dir,
                "--retrain-min-samples", "30", "--retrain-max-rows", "2000", "--serve", $"127.0.0.1:{port}");
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (DateTime.UtcNow < deadline && !hft.HasExited && PaperRun.Counter(await PaperRun.ScrapeAsync(http, metrics), "hft_pipeline_decisions_total") < 200) await Task.Delay(250);
            Assert.False(hft.HasExited, hft.Stderr);
            // Both symbols were given their own folder before the feed started.
            Assert.True(Directory.Exists(Path.Combine(dir, "symbols", "BTCUSDT")) && Directory.Exists(Path.Combine(dir, "symbols", "ETHUSDT")), hft.Stderr);

            double retrains = 0;
            while (DateTime.UtcNow < deadline && !hft.HasExited && retrains < 2)
            {
                hft.Signal("USR1"); // every symbol's loop asks; one retrain at a time on the shared worker
                await Task.Delay(1500);
                retrains = PaperRun.Counter(await PaperRun.ScrapeAsync(http, metrics), "hft_adapt_retrains_total");
            }
            Assert.True(retrains >= 2, $"{retrains} retrains:\n{hft.Stderr}");
            hft.Terminate();
            int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
            var o = hft.LastJson();
            var adaptation = o["adaptation"]!.AsObject();
            Assert.True(adaptation["perSymbol"]!.GetValue<bool>(), hft.Stdout);
            var symbols = adaptation["symbols"]!.AsArray();
            Assert.Equal(2, symbols.Count);
            Assert.All(symbols, s => Assert.True(s!["retrains"]!.GetValue<long>() >= 1, hft.Stdout)); // each symbol retrained, not one twice
            Assert.Equal(0, o["adaptationCost"]!["workerErrors"]!.GetValue<long>());
            Assert.DoesNotContain("Unhandled exception", hft.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
