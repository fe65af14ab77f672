using System.Net.WebSockets;
using HftScalper.Binance.Live;
using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests;

/// <summary>Pings, subscription limits, live subscription and USD-M futures against the fake exchange.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task Answers_server_pings_and_keeps_the_connection()
    {
        // Event-driven, not timed: while the feed is paused only pings and pongs cross the wire, and the test waits for
        // the fake to receive pongs; a client that stops answering never sends them and the wait fails. The pong timeout
        // and the client's stale limit only bound a stall (a loaded CI machine once stalled a client past 300 ms and
        // the fake dropped it): they no longer decide the outcome.
        var fake = new FakeExchangeOptions { PingInterval = TimeSpan.FromMilliseconds(200), PongTimeout = TimeSpan.FromSeconds(30) };
        // No client keep-alive: its unsolicited pongs go out whether or not the client reads, so they must not be counted.
        await using var h = await LiveHarness.StartAsync(fake, o => o with { StaleAfter = TimeSpan.FromSeconds(60), KeepAliveInterval = TimeSpan.Zero });
        await h.WaitSyncedAsync("BTCUSDT");
        h.Fake.Pause(); // no data: only pings and pongs cross the wire now

        long pongs = h.Fake.PongsReceived;
        await LiveHarness.WaitUntilAsync(() => h.Fake.PongsReceived >= pongs + 3, "three pongs while the feed is paused");
        h.Fake.Resume();
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        Assert.Equal(1, h.Fake.TotalConnections);
        Assert.Single(h.Fake.OpenConnections);
        Assert.Equal(0, h.Connection().Reconnects);
    }

    [Fact]
    public async Task Fake_exchange_drops_a_client_that_never_answers_pings()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(100), PongTimeout = TimeSpan.FromMilliseconds(300), TickInterval = TimeSpan.FromSeconds(10),
        });
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{fake.BaseUri.Port}/ws/btcusdt@depth@100ms"), CancellationToken.None);

        // Never reading means never processing pings, hence never sending pongs.
        await LiveHarness.WaitUntilAsync(() => fake.OpenConnections.Count == 0, "client without pongs dropped", TimeSpan.FromSeconds(5));

        Assert.Equal(1, fake.TotalConnections);
    }

    [Fact]
    public async Task Subscribes_many_symbols_within_the_control_message_rate()
    {
        var symbols = Enumerable.Range(0, 12).Select(i => $"SYM{i}USDT").ToArray();
        await using var h = await LiveHarness.StartAsync(new FakeExchangeOptions { Symbols = symbols, TickInterval = TimeSpan.FromMilliseconds(20) },
            o => o with { UrlStreamLimit = 2, StreamsPerControlMessage = 2, ControlMessagesPerSecond = 4 });

        await LiveHarness.WaitUntilAsync(() => symbols.All(h.IsSynced), "all synced", TimeSpan.FromSeconds(12));

        Assert.Equal(5, h.Fake.ControlMessages);
        Assert.Equal(0, h.Fake.RateViolations);
        Assert.Equal(12, h.Fake.OpenConnections.Single().Streams.Count);
    }

    [Fact]
    public async Task Fake_exchange_drops_a_client_that_floods_control_messages()
    {
        var symbols = Enumerable.Range(0, 16).Select(i => $"SYM{i}USDT").ToArray();
        await using var h = await LiveHarness.StartAsync(new FakeExchangeOptions { Symbols = symbols },
            o => o with { UrlStreamLimit = 1, StreamsPerControlMessage = 1, ControlMessagesPerSecond = 1000 });

        await LiveHarness.WaitUntilAsync(() => h.Fake.RateViolations >= 1, "flooding client dropped");
    }

    [Fact]
    public async Task Adds_a_symbol_while_running()
    {
        await using var h = await LiveHarness.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT", "ETHUSDT"] },
            o => o with { Symbols = ["BTCUSDT"] });
        await h.WaitSyncedAsync("BTCUSDT");

        await h.Client.AddSymbolAsync("ETHUSDT");
        await h.WaitSyncedAsync("ETHUSDT");
        await h.AssertBookEqualsSourceAsync("ETHUSDT");

        Assert.Equal(1, h.Fake.TotalConnections);
        Assert.Equal(2, h.Client.GetMetrics().Symbols.Count);
    }

    [Fact]
    public async Task Syncs_a_usdm_futures_book_by_previous_update_id()
    {
        await using var h = await LiveHarness.StartAsync(new FakeExchangeOptions { Futures = true });
        await h.WaitSyncedAsync("BTCUSDT");

        h.Fake.InjectDepthFault("BTCUSDT", DepthFault.Drop);
        await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Gaps == 1, "futures gap detected by pu");
        await h.AssertBookEqualsSourceAsync("BTCUSDT");

        Assert.Equal(1, h.Metrics("BTCUSDT").Resyncs);
    }

    [Fact]
    public async Task Reports_feed_latency_and_rates()
    {
        await using var h = await LiveHarness.StartAsync();
        await h.WaitSyncedAsync("BTCUSDT");
        h.Client.GetMetrics(); // opens the rate window
        // Waits for two book updates applied after it opened, not a fixed 200 ms a stalled client could spend receiving
        // nothing (the rate would then read 0).
        int id = h.Id("BTCUSDT");
        long first = h.Feed.Synchronizer.GetBookUpdateId(id);
        await LiveHarness.WaitUntilAsync(() => h.Feed.Synchronizer.GetBookUpdateId(id) > first, "a book update after the window opened");
        long second = h.Feed.Synchronizer.GetBookUpdateId(id);
        await LiveHarness.WaitUntilAsync(() => h.Feed.Synchronizer.GetBookUpdateId(id) > second, "another book update");

        var m = h.Client.GetMetrics();
        var s = Assert.Single(m.Symbols);
        Assert.Equal(LiveSyncState.Synced, s.State);
        Assert.True(s.MessagesPerSecond > 0);
        Assert.True(s.MaxFeedLatencyNs >= s.MeanFeedLatencyNs);
        Assert.True(s.MeanFeedLatencyNs > -1_000_000_000 && s.MeanFeedLatencyNs < 5_000_000_000L); // same clock family: within seconds
        Assert.NotNull(s.SinceLastMessage);
        Assert.True(m.Connections[0].Connected);
        Assert.Equal(1, m.SnapshotRequests);
    }
}
