using HftScalper.Core.Events;
using HftScalper.Engine.Pipeline;
using HftScalper.Native;
using HftScalper.Trading.Economics;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>The decision record's depth from the cache equals a copy straight out of the book, whatever changed the
/// book between decisions (and whether anything did), for several symbols and a replaced book.</summary>
public sealed class DecisionDepthCacheTests
{
    [Fact]
    public void Cached_depth_equals_a_fresh_copy_after_every_kind_of_change_and_none()
    {
        var rng = new Random(5);
        using var a = new NativeOrderBook();
        using var b = new NativeOrderBook();
        using var replacement = new NativeOrderBook();
        var cache = new DecisionDepthCache();
        var books = new[] { a, b };
        for (int step = 0; step < 3000; step++)
        {
            int symbol = rng.Next(2);
            var book = step > 2000 && symbol == 1 ? replacement : books[symbol];
            switch (rng.Next(6))
            {
                case 0: book.TrySet(rng.Next(2) == 0 ? Side.Bid : Side.Ask, Price(rng), rng.Next(0, 4)); break;
                case 1:
                    var e = new MarketEvent { Kind = MarketEventKind.BookDelta, Side = Side.Ask, Price = 1000 + rng.Next(1, 30), Quantity = rng.Next(0, 4), Flags = MarketEventFlags.LastInMessage };
                    book.ApplyEvents([e], out _);
                    break;
                case 2 when rng.Next(20) == 0: book.LoadSnapshot([new BookLevel(999, 1), new BookLevel(998, 2)], [new BookLevel(1001, 1)]); break;
                case 3 when rng.Next(50) == 0: book.Clear(); break;
                default: break; // no change: the cached copy serves
            }
            var cached = default(BookDepth);
            cache.CopyTo(symbol, book, ref cached);
            var fresh = default(BookDepth);
            fresh.CopyFrom(book);
            AssertSame(fresh, cached, step);
        }
    }

    private static long Price(Random rng) => 1000 + rng.Next(-30, 30);

    private static void AssertSame(BookDepth expected, BookDepth actual, int step)
    {
        Assert.True(expected.BidCount == actual.BidCount && expected.AskCount == actual.AskCount, $"step {step}: counts differ");
        for (int i = 0; i < expected.BidCount; i++) Assert.True(expected.Bids[i].Equals(actual.Bids[i]), $"step {step}: bid {i}");
        for (int i = 0; i < expected.AskCount; i++) Assert.True(expected.Asks[i].Equals(actual.Asks[i]), $"step {step}: ask {i}");
    }
}
