using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.Recording.Journal;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>
/// Records the fake exchange through the live client's journal tap (as <c>hft record</c> does), then replays the
/// journal through the same parser, sync and native books: it must sync, every gap must be one the live client
/// saw too (or a reconnect), and the rebuilt top of book must match every bookTicker that names an applied diff.
/// </summary>
public sealed class RecordAndReplayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [RequiresDataFact]
    public async Task Recording_of_the_real_feed_with_a_gap_replays_to_the_same_resync_and_matching_book_tickers()
    {
        using var dir = new TempJournalDir();
        var fake = new FakeExchangeOptions { Symbols = ["BTCUSDT"], Recording = TestData.BinanceSpotBtcusdt, RecordedMessagesPerTick = 25 };
        long liveGaps, liveResyncs;
        await using (var h = await RecordingHarness.StartAsync(fake, dir.Path, priceDecimals: 2, quantityDecimals: 8))
        {
            await LiveHarness.WaitUntilAsync(() => h.IsSynced("BTCUSDT") && h.Metrics("BTCUSDT").Messages > 1500, "synced, 1500 messages", Wait);
            h.Fake.InjectDepthFault("BTCUSDT", DepthFault.Drop);
            await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Resyncs == 1 && h.IsSynced("BTCUSDT"), "gap detected and resynced", Wait);
            long at = h.Metrics("BTCUSDT").Messages;
            await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Messages > at + 1000, "1000 more messages", Wait);
            Assert.True(await h.StopAsync());
            liveGaps = h.Metrics("BTCUSDT").Gaps;
            liveResyncs = h.Metrics("BTCUSDT").Resyncs;
            Assert.Equal(0, h.Recorder.Counters.Dropped);
            Assert.Equal(2, h.Recorder.Counters.Snapshots); // first sync + the resync after the gap
        }

        var (replay, frames, parse) = Replay(dir.Path);
        using (replay)
        {
            var c = replay.Sync.Counters;
            Assert.Equal(1, liveGaps);
            Assert.Equal(liveGaps, c.Gaps); // the one gap is the injected one, seen live too
            Assert.Equal(liveResyncs, c.Resyncs);
            Assert.Equal(2, c.Snapshots);
            Assert.Equal(0, c.Crossed);
            Assert.Equal(0, parse.Rejected);
            Assert.True(replay.Check.Checked >= 10, $"bookTickers checked: {replay.Check.Checked}");
            Assert.Equal(replay.Check.Checked, replay.Check.Matched);
            Assert.Equal(BookSyncState.Synced, replay.Sync.GetState(0));
            Assert.True(frames > 2500, $"frames={frames}");
        }
        await AssertHftReplayRunsAsync(dir.Path);
    }

    [Fact]
    public async Task Recording_across_a_disconnect_replays_synced_with_every_gap_explained_by_the_reconnect()
    {
        using var dir = new TempJournalDir();
        var fake = new FakeExchangeOptions { Symbols = ["BTCUSDT", "ETHUSDT"] };
        long liveGaps, symbolReconnects;
        await using (var h = await RecordingHarness.StartAsync(fake, dir.Path, DepthBookGenerator.PriceDecimals, DepthBookGenerator.QuantityDecimals))
        {
            await LiveHarness.WaitUntilAsync(() => h.IsSynced("BTCUSDT") && h.IsSynced("ETHUSDT") && h.Metrics("ETHUSDT").Messages > 100, "both synced", Wait);
            h.Fake.DisconnectAll();
            await LiveHarness.WaitUntilAsync(() => h.Metrics("BTCUSDT").Resyncs == 1 && h.Metrics("ETHUSDT").Resyncs == 1
                && h.IsSynced("BTCUSDT") && h.IsSynced("ETHUSDT"), "reconnected and resynced", Wait);
            long at = h.Metrics("ETHUSDT").Messages;
            await LiveHarness.WaitUntilAsync(() => h.Metrics("ETHUSDT").Messages > at + 100, "100 more messages", Wait);
            Assert.True(await h.StopAsync());
            liveGaps = h.Metrics("BTCUSDT").Gaps + h.Metrics("ETHUSDT").Gaps;
            symbolReconnects = h.Tap.SymbolReconnects;
            Assert.Equal(4, h.Recorder.Counters.Snapshots); // two symbols, first sync + the resync after the reconnect
            Assert.Equal(1, h.Recorder.JournalStats.Segments); // the reconnect does not roll the segment
        }

        var (replay, _, parse) = Replay(dir.Path);
        using (replay)
        {
            var c = replay.Sync.Counters;
            Assert.Equal(2, symbolReconnects);
            Assert.True(c.Gaps <= liveGaps + symbolReconnects, $"replay gaps {c.Gaps} > live gaps {liveGaps} + reconnects {symbolReconnects}");
            Assert.Equal(4, c.Snapshots);
            Assert.Equal(0, c.Crossed);
            Assert.Equal(0, parse.Rejected);
            Assert.True(replay.Check.Checked > 100, $"bookTickers checked: {replay.Check.Checked}");
            Assert.Equal(replay.Check.Checked, replay.Check.Matched);
            Assert.Equal(BookSyncState.Synced, replay.Sync.GetState(0));
            Assert.Equal(BookSyncState.Synced, replay.Sync.GetState(1));
        }
    }

    // The hft book-check path over the journal: the live parser, the sync and the ticker oracle, symbols from the header.
    private static (BookReplay Replay, long Frames, ParseCounters Parse) Replay(string dir)
    {
        var registry = new SymbolRegistry();
        using var journal = new JournalReader([dir], _ => { }, registry: registry);
        var feed = new BinanceEventFeed(journal, registry, "binance-spot");
        var replay = new BookReplay(DepthSyncRule.Spot);
        long frames = replay.Run(feed);
        Assert.Equal(0, journal.Stats.TornTails + journal.Stats.CorruptRecords + journal.Stats.BadHeaders);
        return (replay, frames, feed.ParseCounters!);
    }

    private static async Task AssertHftReplayRunsAsync(string dir)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), "replay", dir, "--json");
        Assert.True(exit == 0, $"hft replay exited {exit}: {stderr}");
        var o = CliProcess.LastJson(stdout);
        Assert.True(o["events"]!.GetValue<long>() > 1000, stdout);
    }
}
