using System.Diagnostics;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.Recording.Journal;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary><c>hft record</c> as a real process against the fake exchange: it stops at the duration or on SIGTERM,
/// closes the segment cleanly, prints its counts, and the journal replays to a synced book.</summary>
public sealed class HftRecordCommandTests
{
    private static Uri WsBase(FakeBinanceExchange fake) => new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;

    [Fact]
    public async Task Records_for_the_duration_and_prints_frames_snapshots_bytes_segments_symbols_reconnects_out()
    {
        using var dir = new TempJournalDir();
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT", "ETHUSDT"] });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2),
            "record", "--symbols", "btcusdt,ethusdt", "--url", WsBase(fake).ToString(), "--out", dir.Path, "--duration", "3s", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var o = CliProcess.LastJson(stdout);
        Assert.True(o["frames"]!.GetValue<long>() > 100, stdout);
        Assert.Equal(2, o["snapshots"]!.GetValue<long>());
        Assert.True(o["bytes"]!.GetValue<long>() > 10_000, stdout);
        Assert.Equal(1, o["segments"]!.GetValue<long>());
        Assert.Equal(["BTCUSDT", "ETHUSDT"], o["symbols"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(0, o["reconnects"]!.GetValue<long>());
        Assert.Equal(Path.GetFullPath(dir.Path), o["out"]!.GetValue<string>());
        AssertReplaysSynced(dir.Path, symbols: 2, frames: o["frames"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sigterm_flushes_and_closes_the_segment_cleanly()
    {
        using var dir = new TempJournalDir();
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CliProcess.CliDll, "record", "--symbols", "btcusdt", "--url", WsBase(fake).ToString(), "--out", dir.Path, "--json" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // Wait until the segment holds more than its header (the first buffers reached the file), then stop it.
        await LiveHarness.WaitUntilAsync(() => JournalDirectory.ListSegments(dir.Path) is [var s] && new FileInfo(s).Length > 64 * 1024,
            "journal growing", TimeSpan.FromSeconds(60));

        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(cts.Token);

        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {await stderr}");
        var o = CliProcess.LastJson(await stdout);
        var segment = JournalDirectory.ListSegments(dir.Path).Single();
        var scan = JournalRecovery.Scan(segment);
        Assert.Equal(SegmentStatus.End, scan.Status); // no torn tail: everything queued was written and closed
        Assert.Equal(o["frames"]!.GetValue<long>(), scan.Records);
        AssertReplaysSynced(dir.Path, symbols: 1, frames: scan.Records);
    }

    [Fact]
    public async Task A_usdm_recording_journals_the_mark_price_stream_and_replays_it_as_mark_price_events()
    {
        using var dir = new TempJournalDir();
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            Futures = true, MarkPriceInterval = TimeSpan.FromMilliseconds(100),
        });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2),
            "record", "--market", "usdm", "--symbols", "btcusdt", "--url", WsBase(fake).ToString(), "--out", dir.Path, "--duration", "3s", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var registry = new SymbolRegistry();
        using var journal = new JournalReader([dir.Path], _ => { }, registry: registry);
        var feed = new BinanceEventFeed(journal, registry, "binance-usdm");
        long marks = 0;
        while (feed.TryReadMessage(out var message))
            foreach (var e in message)
                if (e.Kind == HftScalper.Core.Events.MarketEventKind.MarkPrice) marks++;
        Assert.True(marks > 0, $"no markPrice frame in the journal: {stdout}");
    }

    [Fact]
    public async Task A_coinm_recording_from_dstream_syncs_by_pu_on_the_dapi_snapshot_and_replays_as_inverse_contracts()
    {
        using var dir = new TempJournalDir();
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            Symbols = ["BTCUSD_PERP"], Futures = true, CoinM = true, MarkPriceInterval = TimeSpan.FromMilliseconds(100),
        });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2),
            "record", "--market", "coinm", "--symbols", "btcusd_perp", "--url", WsBase(fake).ToString(), "--out", dir.Path, "--duration", "3s", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var o = CliProcess.LastJson(stdout);
        Assert.Equal("binance-coinm", o["market"]!.GetValue<string>());
        Assert.Equal(["BTCUSD_PERP"], o["symbols"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("/dapi/v1/depth", fake.LastSnapshotPath);
        // The journal's header says COIN-M: its symbols register in whole contracts and the depth chains by pu.
        var registry = AssertReplaysSynced(dir.Path, symbols: 1, frames: o["frames"]!.GetValue<long>(), DepthSyncRule.Futures, "binance-coinm");
        Assert.Equal(0, registry[0].QuantityDecimals);

        // hft replay reads the journal as COIN-M by itself: inverse contracts margined in the coin.
        var (replayExit, replayOut, replayErr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "replay", dir.Path, "--no-model", "--json");
        Assert.True(replayExit == 0, $"replay exit {replayExit}: {replayErr}");
        var r = CliProcess.LastJson(replayOut);
        Assert.Equal("BTC", r["accountAsset"]!.GetValue<string>());
        Assert.True(r["events"]!.GetValue<long>() > 100, replayOut);
    }

    private static SymbolRegistry AssertReplaysSynced(string dir, int symbols, long frames,
        DepthSyncRule? rule = null, string venue = "binance-spot")
    {
        var registry = new SymbolRegistry();
        using var journal = new JournalReader([dir], _ => { }, registry: registry);
        using var replay = new BookReplay(rule ?? DepthSyncRule.Spot);
        Assert.Equal(frames, replay.Run(new BinanceEventFeed(journal, registry, venue)));
        Assert.Equal(0, replay.Sync.Counters.Gaps);
        Assert.Equal(symbols, replay.Sync.Counters.Snapshots);
        Assert.True(replay.Check.Checked > 10, $"bookTickers checked: {replay.Check.Checked}");
        Assert.Equal(replay.Check.Checked, replay.Check.Matched);
        for (int id = 0; id < symbols; id++) Assert.Equal(BookSyncState.Synced, replay.Sync.GetState(id));
        return registry;
    }
}
