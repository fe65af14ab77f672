using System.IO.Compression;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Binance.Tests.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Sync;

public sealed class BookReplayRecordingTests
{
    [RequiresDataFact]
    public void Spot_recording_replays_without_gaps_and_every_ticker_matches_the_book()
    {
        var (replay, registry, parse) = Run(TestData.BinanceSpotBtcusdt, DepthSyncRule.Spot, "binance-spot");
        using (replay)
        {
            var c = replay.Sync.Counters;
            Assert.Equal((6495L, 6493L, 2L), (c.Diffs, c.Applied, c.Dropped));
            Assert.Equal((0L, 0L, 0L, 1L), (c.Gaps, c.Crossed, c.Resyncs, c.Snapshots));
            Assert.Equal(1072, replay.Check.Checked);
            Assert.Equal(1072, replay.Check.Matched);
            Assert.True(registry.TryGet("BTCUSDT", out var btc));
            Assert.Equal(BookSyncState.Synced, replay.Sync.GetState(btc!.Id));
            Assert.Equal(0, parse.Rejected);
        }
    }

    [RequiresDataFact]
    public void A_missing_diff_is_reported_as_a_gap_and_no_ticker_is_checked_against_the_broken_book()
    {
        var full = Run(TestData.BinanceSpotBtcusdt, DepthSyncRule.Spot, "binance-spot").Replay;
        long fullChecked = full.Check.Checked;
        full.Dispose();
        string copy = Path.Combine(Path.GetTempPath(), $"parse-gap-{Environment.ProcessId}.gz");
        try
        {
            RemoveDepthLine(TestData.BinanceSpotBtcusdt[0], copy, dropIndex: 3000, out long removedU);
            var (replay, registry, _) = Run([copy, TestData.BinanceSpotBtcusdt[1]], DepthSyncRule.Spot, "binance-spot");
            using (replay)
            {
                var c = replay.Sync.Counters;
                Assert.Equal(1, c.Gaps);
                Assert.Equal(1, c.Resyncs);
                Assert.Equal(0, c.Crossed);
                Assert.True(registry.TryGet("BTCUSDT", out var btc));
                Assert.Equal(BookSyncState.Resyncing, replay.Sync.GetState(btc!.Id));
                Assert.True(replay.Sync.IsSnapshotRequested(btc.Id));
                // Only tickers before the gap were checked, all matching; none after it.
                Assert.Equal(replay.Check.Checked, replay.Check.Matched);
                Assert.InRange(replay.Check.Checked, 1, fullChecked - 1);
                Assert.True(c.Applied < 3000, $"applied {c.Applied} messages, the book should stop at the gap (u {removedU})");
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [RequiresDataTheory]
    [InlineData("BINANCE", DepthSyncRule.Spot, 4)]
    [InlineData("BINANCE_US", DepthSyncRule.Spot, 4)]
    [InlineData("BINANCE_FUTURES", DepthSyncRule.Futures, 4)]
    [InlineData("BINANCE_DELIVERY", DepthSyncRule.Futures, 10)]
    public void Cryptofeed_recordings_replay_cleanly(string prefix, DepthSyncRule rule, int symbols)
    {
        string dir = TestData.Path("binance", "cryptofeed");
        var (replay, registry, parse) = Run([Path.Combine(dir, $"{prefix}.http.0.0.gz"), Path.Combine(dir, $"{prefix}.ws.1.0.gz")], rule, "binance-test");
        using (replay)
        {
            var c = replay.Sync.Counters;
            Assert.Equal((0L, 0L, 0L), (c.Gaps, c.Crossed, c.Resyncs));
            Assert.Equal(symbols, c.Snapshots);
            Assert.True(c.Applied > 0);
            Assert.Equal(c.Diffs, c.Applied + c.Dropped);
            Assert.True(replay.Check.Checked > 0);
            Assert.Equal(replay.Check.Checked, replay.Check.Matched);
            Assert.All(registry.All, s => Assert.Equal(BookSyncState.Synced, replay.Sync.GetState(s.Id)));
            Assert.Equal(0, parse.Rejected);
        }
    }

    [RequiresDataFact]
    public void Parse_sync_and_book_allocate_nothing_per_message_in_steady_state()
    {
        var frames = RecordingFrames.SpotBtcusdt;
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id; // the recording has 6-decimal quantities
        var withSymbol = frames.Select(f => f.Origin == Core.Frames.FrameOrigin.RestSnapshot
            ? new Core.Frames.RawFrame(f.LocalTimeNs, f.Origin, btc, 0, f.Payload) : f).ToArray();
        var parser = BinanceEventFeed.ReplayParser(registry, autoRegisterVenue: null);
        using var replay = new BookReplay(DepthSyncRule.Spot);
        int half = withSymbol.Length / 2;
        replay.Run(new BinanceEventFeed(new FrameArraySource(withSymbol, 0, half), parser)); // warm-up: symbol, book, buffers, JIT
        var rest = new BinanceEventFeed(new FrameArraySource(withSymbol, half, withSymbol.Length - half), parser);

        long before = GC.GetAllocatedBytesForCurrentThread();
        replay.Run(rest);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1072, replay.Check.Matched);
        Assert.Equal(0, allocated);
    }

    private static (BookReplay Replay, SymbolRegistry Registry, ParseCounters Parse) Run(IReadOnlyList<string> files, DepthSyncRule rule, string venue)
    {
        var registry = new SymbolRegistry();
        using var source = TextRecording.Open(files, new TextSourceOptions(registry) { AutoRegisterVenue = venue });
        var feed = new BinanceEventFeed(source, registry, venue);
        var replay = new BookReplay(rule);
        replay.Run(feed);
        return (replay, registry, feed.ParseCounters!);
    }

    private static void RemoveDepthLine(string from, string to, int dropIndex, out long removedU)
    {
        removedU = 0;
        using var reader = new StreamReader(new GZipStream(File.OpenRead(from), CompressionMode.Decompress));
        using var writer = new StreamWriter(new GZipStream(File.Create(to), CompressionLevel.Fastest));
        int depth = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("depthUpdate", StringComparison.Ordinal) && depth++ == dropIndex)
            {
                int at = line.IndexOf("\"u\":", StringComparison.Ordinal) + 4;
                removedU = long.Parse(line.AsSpan(at, line.IndexOf(',', at) - at));
                continue;
            }
            writer.Write(line);
            writer.Write('\n');
        }
    }
}
