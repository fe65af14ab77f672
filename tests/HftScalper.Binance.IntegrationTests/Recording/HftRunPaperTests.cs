using System.Net;
using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;
using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary><c>hft run --mode paper</c> as a real process against the fake exchange on 127.0.0.1: the live feed reaches
/// the pipeline (events, decisions, a synced book), a dropped connection is survived, it ends cleanly at
/// <c>--duration</c> with the summary, and SIGTERM stops it as cleanly. Each run waits for what it asserts (a
/// <c>/metrics</c> counter, the fake's counts), never for a fixed time, except the one that is about <c>--duration</c>.</summary>
public sealed class HftRunPaperTests
{
    [Fact]
    public async Task Paper_run_on_the_fake_exchange_trades_on_a_synced_book_and_exits_0()
    {
        // Stopped (SIGTERM) once the feature stage has made 20 decisions: a 5 s run could see none on a loaded machine.
        var o = await PaperRun.UntilCounterAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] }, "btcusdt", "hft_pipeline_decisions_total", 20, "--no-model");

        string stdout = o.ToJsonString();
        Assert.True(o["events"]!.GetValue<long>() > 0, stdout);
        Assert.True(o["decisions"]!.GetValue<long>() > 0, stdout);
        Assert.Equal("Synced", (string?)o["books"]!["BTCUSDT"]);
        Assert.True(o["drained"]!.GetValue<bool>(), stdout);
        foreach (var key in new[] { "orders", "fills", "rejects", "cancels", "reconnects", "position", "openOrdersAtExit", "digest" })
            Assert.True(o.ContainsKey(key), $"no '{key}' in {stdout}");
    }

    [Fact]
    public async Task Run_json_says_where_the_default_models_baseline_gate_judges()
    {
        // The one run here that ends at --duration, which is what it waits for: it exits 0 only with a market event, so
        // the duration is 15 s (3 s before), ample for the first event on a loaded machine (counted from the feed's start).
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;
        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), ["run", "--symbols", "btcusdt", "--mode", "paper",
            "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(), "--json", "--duration", "15s", "--gate-horizon", "10s"]);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var o = CliProcess.LastJson(stdout);

        Assert.Equal(10.0, o["gateHorizonSeconds"]!.GetValue<double>());
        Assert.False(string.IsNullOrEmpty((string?)o["gateThreshold"]), o.ToJsonString());
    }

    [Fact]
    public async Task On_the_host_the_dashboard_answers_once_systemd_hears_ready_and_sigterm_stops_it_with_the_run()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;
        await using var notify = new FakeNotifySocket(); // systemd's side of the notify protocol
        var path = notify.Path;
        int port = PaperRun.FreePort();
        string metrics = PaperRun.MetricsUrl(port);

        using var hft = LiveProcess.Hft(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = path },
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(),
            "--duration", "10m", "--json", "--no-model", "--serve", $"127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (!notify.Seen("READY=1") && !hft.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(notify.Seen("READY=1"), $"no READY=1: {hft.Stderr}");
        using var http = new HttpClient();
        var answer = await http.GetAsync(metrics); // READY=1 means the dashboard already listens
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        // A run stopped before its first market event exits 2 ("no market event"): stop it once events flow.
        while (DateTime.UtcNow < deadline && !hft.HasExited && PaperRun.Counter(await http.GetStringAsync(metrics), EventsTotal) == 0) await Task.Delay(200);
        Assert.True(PaperRun.Counter(await http.GetStringAsync(metrics), EventsTotal) > 0, hft.Stderr);

        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(1));
        var wait = DateTime.UtcNow.AddSeconds(30);
        while (!notify.Seen("STOPPING=1") && DateTime.UtcNow < wait) await Task.Delay(20);

        Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
        Assert.True(notify.Seen("STOPPING=1"), hft.Stderr);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(metrics)); // the dashboard stopped with the host
        Assert.True(CliProcess.LastJson(hft.Stdout)["drained"]!.GetValue<bool>(), hft.Stdout);
    }

    private const string EventsTotal = "hft_pipeline_events_total";

    [Fact]
    public async Task A_dropped_connection_is_survived_with_a_reconnect_and_a_resynced_book()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;

        using var hft = LiveProcess.Hft(new Dictionary<string, string?>(),
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--duration", "5m", "--json", "--no-model");
        // Once the run is connected and has had its snapshot (and depth since), cut the connection under it; stop it
        // (SIGTERM) once it has reconnected, taken a new snapshot and had depth since: no fixed waits.
        long depth = 0;
        await hft.UntilAsync(() => fake.OpenConnections.Count > 0 && fake.SnapshotRequests > 0 && (depth = fake.DepthMessagesSent) > 0,
            TimeSpan.FromSeconds(60), "a connection with its snapshot");
        await hft.UntilAsync(() => fake.DepthMessagesSent > depth + 20, TimeSpan.FromSeconds(60), "depth after the snapshot");
        foreach (var c in fake.OpenConnections) c.Abort();
        await hft.UntilAsync(() => fake.TotalConnections >= 2 && fake.SnapshotRequests >= 2, TimeSpan.FromSeconds(60), "a reconnect and a new snapshot");
        var (o, stdout, _) = await StopAfterNewDepthAsync(hft, fake);
        Assert.True(o["reconnects"]!.GetValue<long>() >= 1, stdout);
        Assert.True(fake.TotalConnections >= 2, $"connections {fake.TotalConnections}");
        Assert.Equal("Synced", (string?)o["books"]!["BTCUSDT"]);
        Assert.True(o["decisions"]!.GetValue<long>() > 0, stdout);
    }

    [Fact]
    public async Task A_sequence_gap_whose_resnapshot_is_rate_limited_resyncs_and_is_counted_in_the_summary()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;

        using var hft = LiveProcess.Hft(new Dictionary<string, string?>(),
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(),
            "--duration", "5m", "--json", "--no-model");
        long depth = 0;
        await hft.UntilAsync(() => fake.SnapshotRequests > 0 && (depth = fake.DepthMessagesSent) > 0, TimeSpan.FromSeconds(60), "a snapshot");
        await hft.UntilAsync(() => fake.DepthMessagesSent > depth + 20, TimeSpan.FromSeconds(60), "depth after the snapshot");
        fake.FailNextSnapshots(1, 429, TimeSpan.FromSeconds(1)); // the resync's first snapshot request is rate limited
        fake.InjectDepthFault("BTCUSDT", DepthFault.Drop);     // a depth message never sent: update ids skip
        await hft.UntilAsync(() => fake.SnapshotRequests >= 3, TimeSpan.FromSeconds(60), "the refused and the retried snapshot");
        var (o, stdout, stderr) = await StopAfterNewDepthAsync(hft, fake);
        Assert.True(o["gaps"]!.GetValue<long>() >= 1, stdout);
        Assert.True(o["resyncs"]!.GetValue<long>() >= 1, stdout);
        Assert.True(o["snapshots"]!.GetValue<long>() >= 2, stdout);
        Assert.Equal("Synced", (string?)o["books"]!["BTCUSDT"]);
        Assert.Contains("Order book lost continuity", stderr, StringComparison.Ordinal);
    }

    // Lets 100 depth messages pass after a resync, stops the run (SIGTERM) and returns its summary; asserts exit 0.
    private static async Task<(JsonObject Json, string Stdout, string Stderr)> StopAfterNewDepthAsync(LiveProcess hft, FakeBinanceExchange fake)
    {
        long depth = fake.DepthMessagesSent;
        await hft.UntilAsync(() => fake.DepthMessagesSent > depth + 100, TimeSpan.FromSeconds(60), "depth after the new snapshot");
        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
        return (CliProcess.LastJson(hft.Stdout), hft.Stdout, hft.Stderr);
    }
}
