using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Binance.Tests.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Sync;

/// <summary>
/// <see cref="BookSynchronizer.OnEvents"/> (a chained depth message applied in one native call) against the
/// event-by-event <see cref="BookSynchronizer.OnEvent"/>: same outcome, counters, states, buffers and books.
/// (Every <see cref="SyncHarness"/> feed in the other sync tests also runs both and compares them.)
/// </summary>
public sealed class BatchedSyncTests
{
    private const int Sym = SyncHarness.Sym;

    [Fact]
    public void A_chained_message_is_applied_whole()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        var outcome = h.Feed(Ev.Depth(Sym, 11, 12, (Side.Bid, 101, 1), (Side.Bid, 100, 0), (Side.Bid, 90, 3), (Side.Ask, 109, 2), (Side.Ask, 110, 7)));

        Assert.Equal(SyncOutcome.MessageApplied, outcome);
        var bids = new Native.BookLevel[4];
        Assert.Equal(2, h.Batched.GetBook(Sym)!.CopyLevels(Side.Bid, bids));
        Assert.Equal((101L, 1L, 90L, 3L), (bids[0].Price, bids[0].Quantity, bids[1].Price, bids[1].Quantity));
        Assert.Equal(12, h.Batched.GetBookUpdateId(Sym));
    }

    [Fact]
    public void A_bad_level_in_the_middle_of_a_message_restarts_the_sync_like_event_by_event()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        var outcome = h.Feed(Ev.Depth(Sym, 11, 12, (Side.Bid, 101, 1), (Side.Bid, 0, 1), (Side.Ask, 111, 1)));

        Assert.Equal(SyncOutcome.None, outcome); // the last event of the message is discarded
        Assert.Equal(1, h.Batched.Counters.BookErrors);
        Assert.Equal(1, h.Batched.Counters.Discarded);
        Assert.Equal(BookSyncState.Resyncing, h.Batched.GetState(Sym));
    }

    [Fact]
    public void A_gap_in_a_multi_level_message_is_reported_and_the_message_buffered()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        h.Feed(Ev.Depth(Sym, 14, 15, (Side.Bid, 101, 1), (Side.Ask, 111, 1)));

        Assert.Equal(1, h.Batched.Counters.Gaps);
        Assert.Equal(2, h.Batched.GetBufferedEvents(Sym));
    }

    [Fact]
    public void A_message_that_crosses_the_book_restarts_it()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        var outcome = h.Feed(Ev.Depth(Sym, 11, 11, (Side.Bid, 120, 1), (Side.Bid, 119, 1)));

        Assert.Equal(SyncOutcome.Crossed, outcome);
        Assert.Equal(1, h.Batched.Counters.Crossed);
    }

    [Fact]
    public void TryApplyDepthMessage_applies_a_chained_message_whole_like_event_by_event()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);
        var message = Ev.Depth(Sym, 11, 12, (Side.Bid, 101, 1), (Side.Bid, 100, 0), (Side.Ask, 109, 2));
        foreach (var e in message) h.Sync.OnEvent(in e);

        bool whole = h.Batched.TryApplyDepthMessage(message, out var outcome, out bool syncedDuring);

        Assert.True(whole);
        Assert.Equal(SyncOutcome.MessageApplied, outcome);
        Assert.True(syncedDuring);
        SyncHarness.AssertSameState(h.Sync, h.Batched);
    }

    [Fact]
    public void TryApplyDepthMessage_reports_a_stale_book_during_the_message_and_synced_after()
    {
        using var h = new SyncHarness(new BookSyncOptions { StaleAfterNs = 1_000 });
        h.Feed(Ev.Snapshot(Sym, 10, (Side.Bid, 100, 5), (Side.Ask, 110, 5)).At(1_000));
        var message = Ev.Depth(Sym, 11, 12, (Side.Bid, 101, 1), (Side.Ask, 109, 2)).At(10_000);
        foreach (var e in message) h.Sync.OnEvent(in e);

        Assert.True(h.Batched.TryApplyDepthMessage(message, out var outcome, out bool syncedDuring));

        Assert.Equal(SyncOutcome.MessageApplied, outcome);
        Assert.False(syncedDuring); // idle for 9 us: stale until the message completes
        Assert.Equal(BookSyncState.Synced, h.Batched.GetState(Sym));
        SyncHarness.AssertSameState(h.Sync, h.Batched);
    }

    [Theory]
    [InlineData(14)] // a gap: the message does not chain
    [InlineData(0)]  // a bad level inside it
    [InlineData(-1)] // two receive times in one message
    public void TryApplyDepthMessage_declines_what_it_cannot_apply_whole_and_changes_nothing(int firstId)
    {
        using var h = new SyncHarness();
        h.SyncAt(10);
        var message = firstId == 0
            ? Ev.Depth(Sym, 11, 12, (Side.Bid, 101, 1), (Side.Bid, 0, 1), (Side.Ask, 111, 1))
            : Ev.Depth(Sym, firstId > 0 ? firstId : 11, 15, (Side.Bid, 101, 1), (Side.Ask, 111, 1));
        if (firstId < 0) message[1].LocalTimeNs = 7;
        var before = (h.Batched.Counters.Diffs, h.Batched.Counters.Applied, h.Batched.GetBookUpdateId(Sym), h.Batched.GetState(Sym));

        Assert.False(h.Batched.TryApplyDepthMessage(message, out var outcome, out _));

        Assert.Equal(SyncOutcome.None, outcome);
        Assert.Equal(before, (h.Batched.Counters.Diffs, h.Batched.Counters.Applied, h.Batched.GetBookUpdateId(Sym), h.Batched.GetState(Sym)));
        SyncHarness.AssertSameState(h.Sync, h.Batched);
    }

    [RequiresDataFact]
    public void Batched_replay_of_the_spot_recording_equals_event_by_event()
    {
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id;
        var frames = RecordingFrames.SpotBtcusdt.Select(f => f.Origin == FrameOrigin.RestSnapshot
            ? new RawFrame(f.LocalTimeNs, f.Origin, btc, 0, f.Payload) : f).ToArray();

        ReplayBoth(registry, DepthSyncRule.Spot, null, frames);
    }

    [RequiresDataTheory]
    [InlineData("BINANCE", DepthSyncRule.Spot)]
    [InlineData("BINANCE_FUTURES", DepthSyncRule.Futures)]
    [InlineData("BINANCE_DELIVERY", DepthSyncRule.Futures)]
    public void Batched_replay_of_the_cryptofeed_samples_equals_event_by_event(string prefix, DepthSyncRule rule)
    {
        string dir = TestData.Path("binance", "cryptofeed");
        var registry = new SymbolRegistry();
        var frames = new List<RawFrame>();
        using (var source = TextRecording.Open([Path.Combine(dir, $"{prefix}.http.0.0.gz"), Path.Combine(dir, $"{prefix}.ws.1.0.gz")],
                   new TextSourceOptions(registry) { AutoRegisterVenue = "binance-test" }))
        {
            while (source.TryRead(out var f)) frames.Add(new RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray()));
        }

        ReplayBoth(registry, rule, "binance-test", frames);
    }

    private static void ReplayBoth(SymbolRegistry registry, DepthSyncRule rule, string? venue, IReadOnlyList<RawFrame> frames)
    {
        using var replay = new BookReplay(rule);
        replay.Run(new BinanceEventFeed(new FrameArraySource(frames), registry, venue));
        var parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = venue, MarkReplayed = true });
        using var sync = new BookSynchronizer(new BookSyncOptions { Rule = rule });
        var check = new TickerCrossCheck(sync);
        var buffer = new MarketEventBuffer();
        foreach (var frame in frames)
        {
            buffer.Clear();
            parser.Parse(in frame, buffer);
            foreach (ref readonly var e in buffer.Events) check.Observe(in e, sync.OnEvent(in e));
        }

        Assert.True(sync.Counters.Applied > 0);
        SyncHarness.AssertSameState(sync, replay.Sync);
        Assert.Equal((check.Checked, check.Matched, check.SkippedUnsynced), (replay.Check.Checked, replay.Check.Matched, replay.Check.SkippedUnsynced));
    }
}
