using HftScalper.Core.Events;

namespace HftScalper.Native.Tests;

public sealed class NativeOrderBookTests
{
    [Fact]
    public void Top_is_the_highest_bid_and_the_lowest_ask()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 5);
        book.TrySet(Side.Bid, 101, 7);
        book.TrySet(Side.Ask, 104, 2);
        book.TrySet(Side.Ask, 103, 9);

        Assert.True(book.TryGetTop(out var top));

        Assert.Equal((101, 7, 103, 9), (top.BidPrice, top.BidQuantity, top.AskPrice, top.AskQuantity));
    }

    [Fact]
    public void Top_is_unavailable_while_a_side_is_empty()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 5);

        Assert.False(book.TryGetTop(out var top));
        Assert.Equal(100, top.BidPrice);
        Assert.Equal(0, top.AskPrice);
    }

    [Fact]
    public void Zero_quantity_removes_the_level()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Ask, 103, 9);
        book.TrySet(Side.Ask, 104, 1);

        Assert.True(book.TrySet(Side.Ask, 103, 0));

        Assert.Equal(1, book.LevelCount(Side.Ask));
        Span<BookLevel> levels = stackalloc BookLevel[4];
        Assert.Equal(1, book.CopyLevels(Side.Ask, levels));
        Assert.Equal(104, levels[0].Price);
    }

    [Theory]
    [InlineData(Side.None, 100, 1)]
    [InlineData(Side.Bid, 100, -1)]
    [InlineData(Side.Ask, 0, 1)]
    [InlineData(Side.Ask, -5, 1)]
    [InlineData((Side)7, 100, 1)]
    public void Bad_levels_are_refused_counted_and_leave_the_book_unchanged(Side side, long price, long quantity)
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 5);

        Assert.False(book.TrySet(side, price, quantity));

        Assert.Equal(1, book.RejectedLevels);
        Assert.Equal(1, book.LevelCount(Side.Bid));
        Assert.Equal(0, book.LevelCount(Side.Ask));
    }

    [Fact]
    public void Crossed_when_best_bid_reaches_best_ask()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 5);
        Assert.False(book.IsCrossed);
        book.TrySet(Side.Ask, 101, 5);
        Assert.False(book.IsCrossed);

        book.TrySet(Side.Bid, 101, 1);

        Assert.True(book.IsCrossed);
    }

    [Fact]
    public void Copy_levels_writes_best_first_up_to_the_destination_length()
    {
        using var book = new NativeOrderBook(64);
        for (long p = 90; p <= 100; p++) book.TrySet(Side.Bid, p, p);
        var levels = new BookLevel[3];

        int n = book.CopyLevels(Side.Bid, levels);

        Assert.Equal(3, n);
        Assert.Equal([100L, 99L, 98L], levels.Select(l => l.Price));
        Assert.Equal(0, book.CopyLevels(Side.None, levels));
    }

    [Fact]
    public void Clear_empties_both_sides()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 5);
        book.TrySet(Side.Ask, 101, 5);

        book.Clear();

        Assert.Equal(0, book.LevelCount(Side.Bid) + book.LevelCount(Side.Ask));
        Assert.False(book.TryGetTop(out _));
    }

    [Fact]
    public void Grows_past_the_expected_level_count_without_losing_levels()
    {
        using var book = new NativeOrderBook(4);

        for (long p = 1; p <= 5000; p++) Assert.True(book.TrySet(Side.Ask, 10_000 + p, p));

        Assert.Equal(5000, book.LevelCount(Side.Ask));
        Assert.True(book.TrySet(Side.Bid, 10_000, 1));
        Assert.True(book.TryGetTop(out var top));
        Assert.Equal(10_001, top.AskPrice);
    }

    [Fact]
    public void Snapshot_replaces_the_book_and_a_bad_level_leaves_it_empty()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 1, 1);

        Assert.Equal(NativeStatus.Ok, book.LoadSnapshot([new(99, 1), new(100, 2)], [new(102, 3), new(101, 0)]));
        Assert.True(book.TryGetTop(out var top));
        Assert.Equal((100, 102), (top.BidPrice, top.AskPrice));
        Assert.Equal(2, book.LevelCount(Side.Bid));

        Assert.Equal(NativeStatus.BadQuantity, book.LoadSnapshot([new(99, -1)], []));
        Assert.Equal(0, book.LevelCount(Side.Bid) + book.LevelCount(Side.Ask));
        Assert.Equal(1, book.RejectedLevels);
    }

    [Fact]
    public void Applies_a_depth_message_in_one_call_and_counts_what_it_skipped()
    {
        using var book = new NativeOrderBook(64);
        MarketEvent[] message =
        [
            Level(MarketEventKind.SnapshotLevel, Side.Bid, 100, 5, MarketEventFlags.SnapshotStart),
            Level(MarketEventKind.SnapshotLevel, Side.Ask, 101, 4),
            Level(MarketEventKind.BookDelta, Side.Bid, 99, -3),
            Level(MarketEventKind.BookDelta, Side.Bid, 98, 2, symbol: 8),
            new MarketEvent { Kind = MarketEventKind.Trade, SymbolId = 7, Price = 100, Quantity = 1 },
        ];

        var status = book.ApplyEvents(message, out var result, symbolId: 7);

        Assert.Equal(NativeStatus.Ok, status);
        Assert.Equal((2, 1, 2, 1), (result.Applied, result.Rejected, result.Ignored, result.Snapshots));
        Assert.Equal(1, book.RejectedLevels);
        Assert.True(book.ApplyEvent(Level(MarketEventKind.BookDelta, Side.Ask, 101, 0)));
        Assert.Equal(0, book.LevelCount(Side.Ask));
    }

    [Fact]
    public void Using_a_disposed_book_throws()
    {
        var book = new NativeOrderBook(64);
        book.Dispose();

        Assert.Throws<ObjectDisposedException>(() => book.TrySet(Side.Bid, 1, 1));
        book.Dispose();
    }

    [Fact]
    public void Constructor_refuses_a_non_positive_capacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NativeOrderBook(0));
    }

    internal static MarketEvent Level(MarketEventKind kind, Side side, long price, long qty,
        MarketEventFlags flags = MarketEventFlags.None, int symbol = 7) =>
        new() { Kind = kind, Side = side, Price = price, Quantity = qty, Flags = flags, SymbolId = symbol };
}
