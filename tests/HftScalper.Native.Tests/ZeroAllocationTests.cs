using HftScalper.Core.Events;
using HftScalper.Tests.Shared;

namespace HftScalper.Native.Tests;

public sealed class ZeroAllocationTests
{
    [Fact]
    public void Updates_batches_and_figures_allocate_nothing_after_warm_up()
    {
        using var book = new NativeOrderBook(1024);
        var events = new MarketEvent[16];
        var rng = new Random(5);
        var prices = Enumerable.Range(0, 4096).Select(_ => (long)rng.Next(0, 200)).ToArray();
        var parameters = new BookFigureParameters(1e8);
        Span<BookLevel> levels = stackalloc BookLevel[32];
        long checksum = Run(book, events, prices, parameters, levels); // warm-up: JIT, native first touches

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            Span<BookLevel> passLevels = stackalloc BookLevel[32]; // a lambda cannot capture the span above
            checksum += Run(book, events, prices, parameters, passLevels);
        });

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    private static long Run(NativeOrderBook book, MarketEvent[] events, long[] prices, BookFigureParameters p, Span<BookLevel> levels)
    {
        long checksum = 0;
        for (int i = 0; i < prices.Length; i++)
        {
            long off = prices[i];
            var side = (off & 1) == 0 ? Side.Bid : Side.Ask;
            book.TrySet(side, side == Side.Bid ? 10_000 - off : 10_001 + off, off % 5);
            events[i & 15] = new MarketEvent
            {
                Kind = MarketEventKind.BookDelta, Side = side, SymbolId = 1,
                Price = side == Side.Bid ? 10_000 - off / 2 : 10_001 + off / 2, Quantity = off % 7,
            };
            if ((i & 15) == 15)
            {
                book.ApplyEvents(events, out var r, symbolId: 1);
                book.ComputeFigures(p, out var f);
                checksum += r.Applied + f.OfiTotal + f.BidLevels + (long)f.Mid;
                if (book.TryGetTop(out var top)) checksum += top.BidPrice;
                checksum += book.CopyLevels(Side.Ask, levels) + (book.IsCrossed ? 1 : 0);
            }
        }
        return checksum;
    }
}
