using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;

namespace HftScalper.Binance.Sync;

/// <summary>
/// The replay path of <c>hft book-check</c>, the tests and the throughput benchmark: the feed every replay reads
/// (<see cref="BinanceEventFeed"/>: raw frames through the live parser, or event journals) ->
/// <see cref="BookSynchronizer"/> (native books) -> <see cref="TickerCrossCheck"/>. The same code a live feed runs,
/// fed from a recording.
/// </summary>
public sealed class BookReplay : IDisposable
{
    /// <summary>Creates the pipeline for depth chained by <paramref name="rule"/>; books not updated for
    /// <paramref name="staleAfterNs"/> (when positive) are flagged stale.</summary>
    public BookReplay(DepthSyncRule rule, long staleAfterNs = 0)
    {
        Sync = new BookSynchronizer(new BookSyncOptions { Rule = rule, StaleAfterNs = staleAfterNs });
        Check = new TickerCrossCheck(Sync);
    }

    /// <summary>The synchronizer (states, books, counters).</summary>
    public BookSynchronizer Sync { get; }

    /// <summary>The ticker oracle.</summary>
    public TickerCrossCheck Check { get; }

    /// <summary>Events fed so far.</summary>
    public long Events { get; private set; }

    /// <summary>Runs the events of one exchange message through the sync and the checker.</summary>
    public void Feed(ReadOnlySpan<MarketEvent> message)
    {
        if (message.Length > 1 && message[0].Kind == MarketEventKind.BookDelta)
        {
            // One depth message: the sync applies it in one native call; the checker needs only its outcome.
            Check.Observe(in message[^1], Sync.OnEvents(message));
        }
        else
        {
            for (int i = 0; i < message.Length; i++)
            {
                ref readonly MarketEvent e = ref message[i];
                var outcome = Sync.OnEvent(in e);
                Check.Observe(in e, outcome);
            }
        }
        Events += message.Length;
    }

    /// <summary>Feeds every message of <paramref name="feed"/>; returns the number of frames it read.</summary>
    public long Run(IMarketEventFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        long frames = feed.Frames;
        while (feed.TryReadMessage(out var message)) Feed(message);
        return feed.Frames - frames;
    }

    /// <inheritdoc />
    public void Dispose() => Sync.Dispose();
}
