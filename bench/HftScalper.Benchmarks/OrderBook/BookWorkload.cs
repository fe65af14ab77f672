using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Benchmarks.OrderBook;

/// <summary>
/// A reproducible Binance-like workload: a 5000-level-per-side snapshot and a stream of level updates, 80% within
/// 12 ticks of the touch, 25% removals, all on the book's own side of the mid so the book stays uncrossed.
/// </summary>
internal static class BookWorkload
{
    public const long Mid = 1_000_000;
    public const int SnapshotLevels = 5000;

    public static (BookLevel[] Bids, BookLevel[] Asks) Snapshot(int seed)
    {
        var rng = new Random(seed);
        var bids = new BookLevel[SnapshotLevels];
        var asks = new BookLevel[SnapshotLevels];
        for (int i = 0; i < SnapshotLevels; i++)
        {
            bids[i] = new BookLevel(Mid - i, rng.Next(1, 1000));
            asks[i] = new BookLevel(Mid + 1 + i, rng.Next(1, 1000));
        }
        return (bids, asks);
    }

    public static MarketEvent[] Updates(int seed, int count)
    {
        var rng = new Random(seed);
        var events = new MarketEvent[count];
        for (int i = 0; i < count; i++)
        {
            var side = rng.Next(2) == 0 ? Side.Bid : Side.Ask;
            long offset = rng.Next(10) < 8 ? rng.Next(0, 12) : rng.Next(12, 400);
            events[i] = new MarketEvent
            {
                Kind = MarketEventKind.BookDelta, Side = side, SymbolId = 1,
                Price = side == Side.Bid ? Mid - offset : Mid + 1 + offset,
                Quantity = rng.Next(4) == 0 ? 0 : rng.Next(1, 1000),
            };
        }
        return events;
    }

    /// <summary>Order-insensitive fingerprint of a native ladder, to check both books did the same work.</summary>
    public static long Fingerprint(NativeOrderBook book, Side side)
    {
        var levels = new BookLevel[book.LevelCount(side)];
        book.CopyLevels(side, levels);
        return Fingerprint(levels);
    }

    public static long Fingerprint(IEnumerable<BookLevel> levels)
    {
        long h = 17;
        foreach (var l in levels) h = h * 31 + l.Price * 1_000_003 + l.Quantity;
        return h;
    }
}
