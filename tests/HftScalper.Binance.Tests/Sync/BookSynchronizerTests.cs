using HftScalper.Binance.Sync;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Tests.Sync;

public sealed class BookSynchronizerTests
{
    private const int Sym = SyncHarness.Sym;

    [Fact]
    public void Buffers_depth_until_a_snapshot_arrives_and_asks_for_one()
    {
        using var h = new SyncHarness();

        var outcome = h.Feed(Ev.Depth(Sym, 10, 12, (Side.Bid, 100, 1), (Side.Ask, 110, 1)));

        Assert.Equal(SyncOutcome.Buffered, outcome);
        Assert.Equal(BookSyncState.Syncing, h.State);
        Assert.True(h.Sync.IsSnapshotRequested(Sym));
        Assert.Equal(2, h.Sync.GetBufferedEvents(Sym));
        Assert.Equal(0, h.Sync.GetBook(Sym)!.LevelCount(Side.Bid));
    }

    [Fact]
    public void Snapshot_drops_what_it_covers_and_applies_the_straddling_and_later_messages()
    {
        using var h = new SyncHarness();
        h.Feed(Ev.Depth(Sym, 5, 8, (Side.Bid, 99, 7)));
        h.Feed(Ev.Depth(Sym, 9, 12, (Side.Bid, 101, 2)));
        h.Feed(Ev.Depth(Sym, 13, 15, (Side.Ask, 110, 0), (Side.Ask, 111, 4)));

        var outcome = h.Feed(Ev.Snapshot(Sym, 10, (Side.Bid, 100, 5), (Side.Ask, 110, 5)));

        Assert.Equal(SyncOutcome.SnapshotApplied, outcome);
        Assert.Equal(BookSyncState.Synced, h.State);
        Assert.Equal(15, h.Sync.GetBookUpdateId(Sym));
        Assert.Equal((1L, 2L, 1L, 3L), (h.Counters.Dropped, h.Counters.Applied, h.Counters.Snapshots, h.Counters.Diffs));
        Assert.Equal((101L, 2L, 111L, 4L), (h.Top().BidPrice, h.Top().BidQuantity, h.Top().AskPrice, h.Top().AskQuantity));
        Assert.False(h.Sync.IsSnapshotRequested(Sym));
        Assert.Equal(2, h.Sync.GetBook(Sym)!.LevelCount(Side.Bid)); // 100 and 101; 99 was dropped with its message
    }

    [Fact]
    public void Refuses_a_snapshot_older_than_the_first_buffered_message_and_asks_again()
    {
        using var h = new SyncHarness();
        h.Feed(Ev.Depth(Sym, 20, 25, (Side.Bid, 100, 1)));
        Assert.True(h.Sync.TryTakeSnapshotRequest(out _));

        var outcome = h.Feed(Ev.Snapshot(Sym, 18, (Side.Bid, 100, 5), (Side.Ask, 110, 5)));

        Assert.Equal(SyncOutcome.SnapshotRejected, outcome);
        Assert.Equal(BookSyncState.Syncing, h.State);
        Assert.Equal(1, h.Counters.SnapshotsRejected);
        Assert.True(h.Sync.IsSnapshotRequested(Sym));

        Assert.Equal(SyncOutcome.SnapshotApplied, h.Feed(Ev.Snapshot(Sym, 22, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal(25, h.Sync.GetBookUpdateId(Sym));
        Assert.Equal(1L, h.Top().BidQuantity);
    }

    [Fact]
    public void Resyncs_when_update_ids_skip()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);
        Assert.Equal(SyncOutcome.MessageApplied, h.Feed(Ev.Depth(Sym, 11, 12, (Side.Bid, 101, 1))));

        var outcome = h.Feed(Ev.Depth(Sym, 14, 15, (Side.Bid, 102, 1)));

        Assert.Equal(SyncOutcome.Gap, outcome);
        Assert.Equal(BookSyncState.Resyncing, h.State);
        Assert.Equal((1L, 1L), (h.Counters.Gaps, h.Counters.Resyncs));
        Assert.True(h.Sync.IsSnapshotRequested(Sym));
        Assert.Equal(0, h.Sync.GetBook(Sym)!.LevelCount(Side.Bid));

        // The message that revealed the gap was kept: a snapshot covering its start resyncs with it.
        Assert.Equal(SyncOutcome.SnapshotApplied, h.Feed(Ev.Snapshot(Sym, 14, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal(BookSyncState.Synced, h.State);
        Assert.Equal(102, h.Top().BidPrice);
    }

    [Fact]
    public void Drops_messages_the_book_already_covers()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        Assert.Equal(SyncOutcome.Dropped, h.Feed(Ev.Depth(Sym, 5, 10, (Side.Bid, 105, 1))));

        Assert.Equal(100, h.Top().BidPrice);
        Assert.Equal(BookSyncState.Synced, h.State);
    }

    [Fact]
    public void Spot_first_message_after_the_snapshot_must_straddle_it()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        Assert.Equal(SyncOutcome.Gap, h.Feed(Ev.Depth(Sym, 12, 13, (Side.Bid, 105, 1))));
    }

    [Fact]
    public void Empty_message_chains_update_ids()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        Assert.Equal(SyncOutcome.MessageApplied, h.Feed(Ev.Depth(Sym, 11, 12)));
        Assert.Equal(SyncOutcome.MessageApplied, h.Feed(Ev.Depth(Sym, 13, 13, (Side.Bid, 101, 1))));

        Assert.Equal(13, h.Sync.GetBookUpdateId(Sym));
    }

    [Fact]
    public void Futures_first_message_must_contain_the_snapshot_id_then_pu_must_chain()
    {
        using var h = new SyncHarness(new BookSyncOptions { Rule = DepthSyncRule.Futures });
        h.Feed(Ev.FuturesDepth(Sym, 90, 99, 89, (Side.Bid, 99, 1)));
        h.Feed(Ev.FuturesDepth(Sym, 95, 105, 99, (Side.Bid, 101, 1)));
        h.Feed(Ev.FuturesDepth(Sym, 106, 110, 105, (Side.Bid, 102, 1)));

        Assert.Equal(SyncOutcome.SnapshotApplied, h.Feed(Ev.Snapshot(Sym, 100, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal((1L, 2L), (h.Counters.Dropped, h.Counters.Applied));
        Assert.Equal(102, h.Top().BidPrice);

        // pu 109 != previous u 110: a message was lost even though U/u look contiguous.
        Assert.Equal(SyncOutcome.Gap, h.Feed(Ev.FuturesDepth(Sym, 111, 112, 109, (Side.Bid, 103, 1))));
        Assert.Equal(BookSyncState.Resyncing, h.State);
    }

    [Fact]
    public void Futures_first_message_starting_after_the_snapshot_is_a_gap_unless_its_pu_is_the_snapshot_id()
    {
        using var h = new SyncHarness(new BookSyncOptions { Rule = DepthSyncRule.Futures });
        h.SyncAt(100);
        // pu 101: the message that ended at 101 (after the snapshot) is missing.
        Assert.Equal(SyncOutcome.Gap, h.Feed(Ev.FuturesDepth(Sym, 102, 105, 101, (Side.Bid, 101, 1))));

        // pu 100: the message containing the snapshot id came before the subscription; this one continues the
        // snapshot's book exactly (a race that made a COIN-M recording replay with a gap in CI).
        using var chained = new SyncHarness(new BookSyncOptions { Rule = DepthSyncRule.Futures });
        chained.SyncAt(100);
        Assert.Equal(SyncOutcome.MessageApplied, chained.Feed(Ev.FuturesDepth(Sym, 101, 105, 100, (Side.Bid, 101, 1))));
        Assert.Equal(SyncOutcome.MessageApplied, chained.Feed(Ev.FuturesDepth(Sym, 106, 107, 105, (Side.Bid, 102, 1))));
        Assert.Equal((0L, 107L), (chained.Counters.Gaps, chained.Sync.GetBookUpdateId(Sym)));
    }

    [Fact]
    public void Futures_snapshot_at_the_pu_of_the_first_buffered_message_bridges_it()
    {
        using var h = new SyncHarness(new BookSyncOptions { Rule = DepthSyncRule.Futures });
        h.Feed(Ev.FuturesDepth(Sym, 101, 105, 100, (Side.Bid, 101, 1)));
        h.Feed(Ev.FuturesDepth(Sym, 106, 110, 105, (Side.Bid, 102, 1)));

        Assert.Equal(SyncOutcome.SnapshotApplied, h.Feed(Ev.Snapshot(Sym, 100, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal((0L, 0L, 2L), (h.Counters.SnapshotsRejected, h.Counters.Gaps, h.Counters.Applied));
        Assert.Equal(110, h.Sync.GetBookUpdateId(Sym));
        Assert.Equal(102, h.Top().BidPrice);
    }

    [Fact]
    public void Futures_snapshot_older_than_the_pu_of_the_first_buffered_message_is_fetched_again()
    {
        using var h = new SyncHarness(new BookSyncOptions { Rule = DepthSyncRule.Futures });
        h.Feed(Ev.FuturesDepth(Sym, 101, 105, 100, (Side.Bid, 101, 1)));

        Assert.Equal(SyncOutcome.SnapshotRejected, h.Feed(Ev.Snapshot(Sym, 99, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal(1L, h.Counters.SnapshotsRejected);
    }

    [Fact]
    public void A_gap_inside_the_buffered_messages_keeps_the_newer_ones_for_the_next_snapshot()
    {
        using var h = new SyncHarness();
        h.Feed(Ev.Depth(Sym, 9, 12, (Side.Bid, 101, 2)));
        h.Feed(Ev.Depth(Sym, 15, 16, (Side.Bid, 102, 3), (Side.Ask, 109, 1)));

        Assert.Equal(SyncOutcome.Gap, h.Feed(Ev.Snapshot(Sym, 10, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal(BookSyncState.Resyncing, h.State);
        Assert.Equal(2, h.Sync.GetBufferedEvents(Sym));

        Assert.Equal(SyncOutcome.SnapshotApplied, h.Feed(Ev.Snapshot(Sym, 15, (Side.Bid, 100, 5), (Side.Ask, 110, 5))));
        Assert.Equal((102L, 109L), (h.Top().BidPrice, h.Top().AskPrice));
    }

    [Theory]
    [InlineData(FeedStatus.Reconnected)]
    [InlineData(FeedStatus.Disconnected)]
    public void Resyncs_after_a_reconnect_or_disconnect(FeedStatus status)
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        Assert.Equal(SyncOutcome.Restarted, h.Feed(Ev.Status(-1, status)));

        Assert.Equal(BookSyncState.Resyncing, h.State);
        Assert.Equal(1, h.Counters.Resyncs);
        Assert.True(h.Sync.IsSnapshotRequested(Sym));
    }

    [Fact]
    public void A_status_for_one_symbol_leaves_the_others_synced()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);
        h.Feed(Ev.Snapshot(1, 50, (Side.Bid, 1, 1), (Side.Ask, 2, 1)));

        h.Feed(Ev.Status(1, FeedStatus.Reconnected));

        Assert.Equal(BookSyncState.Synced, h.Sync.GetState(0));
        Assert.Equal(BookSyncState.Resyncing, h.Sync.GetState(1));
    }

    [Fact]
    public void Server_shutdown_alone_does_not_discard_the_book()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        h.Feed(Ev.Status(-1, FeedStatus.ServerShutdown));

        Assert.Equal(BookSyncState.Synced, h.State);
    }

    [Fact]
    public void Resyncs_when_the_book_comes_out_crossed()
    {
        using var h = new SyncHarness();
        h.SyncAt(10);

        Assert.Equal(SyncOutcome.Crossed, h.Feed(Ev.Depth(Sym, 11, 11, (Side.Bid, 120, 1))));

        Assert.Equal(BookSyncState.Resyncing, h.State);
        Assert.Equal((1L, 1L), (h.Counters.Crossed, h.Counters.Resyncs));
    }

    [Fact]
    public void A_crossed_snapshot_is_not_trusted()
    {
        using var h = new SyncHarness();

        Assert.Equal(SyncOutcome.Crossed, h.Feed(Ev.Snapshot(Sym, 10, (Side.Bid, 120, 1), (Side.Ask, 110, 1))));

        Assert.NotEqual(BookSyncState.Synced, h.State);
        Assert.True(h.Sync.IsSnapshotRequested(Sym));
    }

    [Fact]
    public void Buffer_overflow_is_counted_and_restarts_the_sync()
    {
        using var h = new SyncHarness(new BookSyncOptions { MaxBufferedEvents = 4 });
        h.Feed(Ev.Depth(Sym, 1, 1, (Side.Bid, 1, 1), (Side.Bid, 2, 1), (Side.Bid, 3, 1)));

        h.Feed(Ev.Depth(Sym, 2, 2, (Side.Bid, 4, 1), (Side.Bid, 5, 1), (Side.Bid, 6, 1)));

        Assert.Equal(1, h.Counters.BufferOverflows);
        Assert.Equal(0, h.Sync.GetBufferedEvents(Sym));
        Assert.Equal(BookSyncState.Syncing, h.State);
        h.Feed(Ev.Depth(Sym, 3, 3, (Side.Bid, 7, 1)));
        Assert.Equal(1, h.Sync.GetBufferedEvents(Sym));
    }

    [Fact]
    public void Goes_stale_without_updates_and_recovers_on_the_next_chained_message()
    {
        using var h = new SyncHarness(new BookSyncOptions { StaleAfterNs = 1_000 });
        h.Feed(Ev.Snapshot(Sym, 10, (Side.Bid, 100, 5), (Side.Ask, 110, 5)).At(100));
        h.Feed(Ev.Depth(Sym, 11, 11, (Side.Bid, 101, 1)).At(200));

        h.Feed(Ev.Clock(900));
        Assert.Equal(BookSyncState.Synced, h.State);
        h.Feed(Ev.Clock(1_500));

        Assert.Equal(BookSyncState.Stale, h.State);
        Assert.Equal(1, h.Counters.StaleTransitions);
        Assert.Equal(SyncOutcome.MessageApplied, h.Feed(Ev.Depth(Sym, 12, 12, (Side.Bid, 102, 1)).At(1_600)));
        Assert.Equal(BookSyncState.Synced, h.State);
    }

    [Fact]
    public void Snapshot_requests_can_be_taken_once_by_the_client()
    {
        using var h = new SyncHarness();
        h.Feed(Ev.Depth(3, 1, 2, (Side.Bid, 1, 1)));

        Assert.True(h.Sync.TryTakeSnapshotRequest(out int symbol));
        Assert.Equal(3, symbol);
        Assert.False(h.Sync.TryTakeSnapshotRequest(out _));
    }

    [Fact]
    public void An_unseen_symbol_is_not_synced()
    {
        using var h = new SyncHarness();

        Assert.Equal(BookSyncState.Syncing, h.Sync.GetState(42));
        Assert.Null(h.Sync.GetBook(42));
    }
}
