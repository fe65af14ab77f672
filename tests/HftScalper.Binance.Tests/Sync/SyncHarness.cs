using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Binance.Tests.Sync;

/// <summary>A synchronizer under test plus a helper that feeds whole messages.</summary>
internal sealed class SyncHarness : IDisposable
{
    public const int Sym = 0;

    public SyncHarness(BookSyncOptions? options = null) => Sync = new BookSynchronizer(options);

    public BookSynchronizer Sync { get; }

    public BookSyncCounters Counters => Sync.Counters;

    public BookSyncState State => Sync.GetState(Sym);

    /// <summary>Feeds the events in order and returns the outcome of the last one.</summary>
    public SyncOutcome Feed(MarketEvent[] events)
    {
        var last = SyncOutcome.None;
        foreach (var e in events) last = Sync.OnEvent(in e);
        return last;
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

    public void Dispose() => Sync.Dispose();
}
