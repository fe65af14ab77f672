using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary><c>hft run --mode paper</c> as a real process against the fake exchange on 127.0.0.1: the live feed reaches
/// the pipeline (events, decisions, a synced book), a dropped connection is survived, and it ends cleanly at
/// <c>--duration</c> with the summary.</summary>
public sealed class HftRunPaperTests
{
    [Fact]
    public async Task Paper_run_on_the_fake_exchange_trades_on_a_synced_book_and_exits_0()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;

        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2),
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--rest", fake.BaseUri.ToString(),
            "--duration", "5s", "--json", "--no-model");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var o = CliProcess.LastJson(stdout);
        Assert.True(o["events"]!.GetValue<long>() > 0, stdout);
        Assert.True(o["decisions"]!.GetValue<long>() > 0, stdout);
        Assert.Equal("Synced", (string?)o["books"]!["BTCUSDT"]);
        Assert.True(o["drained"]!.GetValue<bool>(), stdout);
        foreach (var key in new[] { "orders", "fills", "rejects", "cancels", "reconnects", "position", "openOrdersAtExit", "digest" })
            Assert.True(o.ContainsKey(key), $"no '{key}' in {stdout}");
    }

    [Fact]
    public async Task A_dropped_connection_is_survived_with_a_reconnect_and_a_resynced_book()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;

        var run = CliProcess.RunAsync(TimeSpan.FromMinutes(2),
            "run", "--symbols", "btcusdt", "--mode", "paper", "--url", ws.ToString(), "--duration", "10s", "--json", "--no-model");
        // Wait until the run is connected and has had its snapshot, then cut the connection under it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((fake.OpenConnections.Count == 0 || fake.SnapshotRequests == 0) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(1000);
        Assert.NotEmpty(fake.OpenConnections);
        foreach (var c in fake.OpenConnections) c.Abort();
        var (exit, stdout, stderr) = await run;

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var o = CliProcess.LastJson(stdout);
        Assert.True(o["reconnects"]!.GetValue<long>() >= 1, stdout);
        Assert.True(fake.TotalConnections >= 2, $"connections {fake.TotalConnections}");
        Assert.Equal("Synced", (string?)o["books"]!["BTCUSDT"]);
        Assert.True(o["decisions"]!.GetValue<long>() > 0, stdout);
    }
}
