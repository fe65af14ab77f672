using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Binance.Tests.Sync;

/// <summary>A synchronizer under test plus a helper that feeds whole messages.</summary>
internal sealed class SyncHarness : IDisposable
{
    public const int Sym = 0;

    public SyncHarness(BookSyncOptions? options = null)
    {
        Sync = new BookSynchronizer(options);
        Batched = new BookSynchronizer(options);
    }

    public BookSynchronizer Sync { get; }

    /// <summary>A second synchronizer fed the same messages through <see cref="BookSynchronizer.OnEvents"/> (one
    /// native call per chained depth message): after every feed it must be in exactly the same state.</summary>
    public BookSynchronizer Batched { get; }

    public BookSyncCounters Counters => Sync.Counters;

    public BookSyncState State => Sync.GetState(Sym);

    /// <summary>Feeds the events in order and returns the outcome of the last one.</summary>
    public SyncOutcome Feed(MarketEvent[] events)
    {
        var last = SyncOutcome.None;
        var significant = SyncOutcome.None;
        foreach (var e in events)
        {
            last = Sync.OnEvent(in e);
            if (significant == SyncOutcome.None && last is SyncOutcome.Gap or SyncOutcome.Crossed or SyncOutcome.Restarted or SyncOutcome.Overflow)
                significant = last;
        }
        var batched = Batched.OnEvents(events);
        Assert.Equal(significant != SyncOutcome.None ? significant : last, batched);
        AssertSameState(Sync, Batched);
        return last;
    }

    /// <summary>Counters, and per symbol state, book id, buffer and book levels, are equal.</summary>
    public static void AssertSameState(BookSynchronizer expected, BookSynchronizer actual)
    {
        var c = expected.Counters;
        var b = actual.Counters;
        Assert.Equal((c.Diffs, c.Applied, c.Dropped, c.Gaps, c.Resyncs, c.Crossed, c.Snapshots),
                     (b.Diffs, b.Applied, b.Dropped, b.Gaps, b.Resyncs, b.Crossed, b.Snapshots));
        Assert.Equal((c.SnapshotsRejected, c.BufferOverflows, c.StaleTransitions, c.BookErrors, c.Discarded),
                     (b.SnapshotsRejected, b.BufferOverflows, b.StaleTransitions, b.BookErrors, b.Discarded));
        for (int sym = 0; sym < 16; sym++)
        {
            Assert.Equal(expected.GetState(sym), actual.GetState(sym));
            Assert.Equal(expected.GetBookUpdateId(sym), actual.GetBookUpdateId(sym));
            Assert.Equal(expected.GetBufferedEvents(sym), actual.GetBufferedEvents(sym));
            var eb = expected.GetBook(sym);
            var ab = actual.GetBook(sym);
            Assert.Equal(eb is null, ab is null);
            if (eb is null || ab is null) continue;
            foreach (var side in new[] { Side.Bid, Side.Ask })
            {
                var el = new BookLevel[eb.LevelCount(side)];
                var al = new BookLevel[ab.LevelCount(side)];
                eb.CopyLevels(side, el);
                ab.CopyLevels(side, al);
                Assert.Equal(el, al);
            }
        }
    }

    public TopOfBook Top()
    {
        Assert.True(Sync.GetBook(Sym)!.TryGetTop(out var top));
        return top;
    }

    /// <summary>Syncs symbol 0 with a snapshot at <paramref name="lastUpdateId"/>: bid 100 x 5, ask 110 x 5.</summary>
    public void SyncAt(long lastUpdateId)
    {
        Feed(Ev.Snapshot(Sym, lastUpdateId, (Side.Bid, 100, 5), (Side.Ask, 110, 5)));
        Assert.Equal(BookSyncState.Synced, State);
    }

    public void Dispose()
    {
        Sync.Dispose();
        Batched.Dispose();
    }
}
