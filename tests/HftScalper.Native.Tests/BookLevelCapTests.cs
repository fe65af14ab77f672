using HftScalper.Core.Events;

namespace HftScalper.Native.Tests;

/// <summary>#13: a crafted feed of far levels cannot grow a book without bound or make inserts quadratic.</summary>
public sealed class BookLevelCapTests
{
    [Fact]
    public void Four_hundred_thousand_levels_worst_first_keep_the_cap_the_touch_and_count_the_rest()
    {
        using var book = new NativeOrderBook();
        const int levels = 400_000;
        var events = new MarketEvent[20_000]; // one crafted depth message after another, best level first
        for (int start = 0; start < levels; start += events.Length)
        {
            for (int i = 0; i < events.Length; i++)
            {
                long k = start + i;
                events[i] = new MarketEvent { Kind = MarketEventKind.BookDelta, Side = i % 2 == 0 ? Side.Bid : Side.Ask,
                    Price = i % 2 == 0 ? 10_000_000 - k : 10_000_001 + k, Quantity = 1 + k };
            }
            Assert.Equal(NativeStatus.Ok, book.ApplyEvents(events, out var r));
            Assert.Equal(events.Length, r.Applied);
        }

        Assert.Equal(NativeOrderBook.DefaultMaxLevelsPerSide, book.LevelCount(Side.Bid));
        Assert.Equal(NativeOrderBook.DefaultMaxLevelsPerSide, book.LevelCount(Side.Ask));
        Assert.True(book.TryGetTop(out var top));
        Assert.Equal((10_000_000L, 1L, 10_000_002L, 2L), (top.BidPrice, top.BidQuantity, top.AskPrice, top.AskQuantity));
        var stats = book.GetStats();
        Assert.Equal(NativeOrderBook.DefaultMaxLevelsPerSide, stats.MaxLevelsPerSide);
        Assert.Equal(levels / 2 - NativeOrderBook.DefaultMaxLevelsPerSide, stats.BidLevelsDropped);
        Assert.Equal(levels / 2 - NativeOrderBook.DefaultMaxLevelsPerSide, stats.AskLevelsDropped);
        Assert.Equal(0, book.RejectedLevels);
    }

    [Fact]
    public void A_nearer_level_evicts_the_farthest_one_and_the_cap_is_configurable()
    {
        using var book = new NativeOrderBook(expectedLevelsPerSide: 4, maxLevelsPerSide: 3);
        foreach (long p in new long[] { 100, 99, 98 }) book.TrySet(Side.Bid, p, 1);
        book.TrySet(Side.Bid, 97, 1);  // farther than all three: not kept
        book.TrySet(Side.Bid, 101, 1); // nearer: 98 goes
        Span<BookLevel> levels = stackalloc BookLevel[4];
        Assert.Equal(3, book.CopyLevels(Side.Bid, levels));
        Assert.Equal([101L, 100L, 99L], levels[..3].ToArray().Select(l => l.Price));
        Assert.Equal(2, book.GetStats().BidLevelsDropped);
        book.Clear();
        Assert.Equal(2, book.GetStats().BidLevelsDropped); // cumulative
        Assert.Throws<ArgumentOutOfRangeException>(() => new NativeOrderBook(4, 0));
    }
}
