using HftScalper.Binance.Sync;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Tests.Sync;

/// <summary>#13: the per-side level cap reaches the synchronizer's books and its drops are counted.</summary>
public sealed class BookLevelCapSyncTests
{
    [Fact]
    public void Levels_beyond_the_configured_cap_are_dropped_and_counted_while_the_book_stays_synced()
    {
        var sync = new BookSynchronizer(new BookSyncOptions { MaxLevelsPerSide = 5 });
        Assert.Equal(5, sync.Options.MaxLevelsPerSide);
        var levels = new List<(Side, long, long)>();
        for (int i = 0; i < 8; i++) levels.Add((Side.Bid, 100 - i, 1));
        levels.Add((Side.Ask, 101, 1));
        foreach (var e in Ev.Snapshot(0, 10, [.. levels])) sync.OnEvent(in e);
        Assert.Equal(BookSyncState.Synced, sync.GetState(0));
        Assert.Equal(5, sync.GetBook(0)!.LevelCount(Side.Bid));
        Assert.Equal(3, sync.LevelsDroppedByCap);

        // A far level of a later diff is not kept either; the touch is unaffected.
        Assert.Equal(SyncOutcome.MessageApplied, sync.OnEvents(Ev.Depth(0, 11, 11, (Side.Bid, 50, 1), (Side.Bid, 100, 2))));
        Assert.True(sync.GetBook(0)!.TryGetTop(out var top));
        Assert.Equal((100L, 2L), (top.BidPrice, top.BidQuantity));
        Assert.Equal(4, sync.LevelsDroppedByCap);

        sync.Dispose();
        Assert.Equal(4, sync.Counters.LevelsDroppedByCap);
        Assert.Contains("levelsDroppedByCap=4", sync.Counters.ToString(), StringComparison.Ordinal);
    }
}
