using HftScalper.Core.Events;

namespace HftScalper.Native.Tests;

public sealed class BookFiguresTests
{
    [Fact]
    public void Touch_figures_follow_their_definitions()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 30);
        book.TrySet(Side.Ask, 102, 10);

        book.ComputeFigures(new BookFigureParameters(0), out var f);

        Assert.Equal(2, f.Spread);
        Assert.Equal(101.0, f.Mid);
        Assert.Equal(101.5, f.Microprice); // (100*10 + 102*30) / 40: the heavier bid pulls it towards the ask
        Assert.Equal(0.5, f.Imbalance1);
        Assert.Equal(BookFigureFlags.HasBid | BookFigureFlags.HasAsk, f.Flags);
    }

    [Fact]
    public void Order_flow_imbalance_is_measured_between_consecutive_calls()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 100, 10);
        book.TrySet(Side.Ask, 101, 10);
        book.ComputeFigures(default, out var first);

        book.TrySet(Side.Bid, 100, 15); // +5 bid
        book.TrySet(Side.Ask, 101, 4);  // ask shrinks by 6: +6
        book.ComputeFigures(default, out var second);
        book.ComputeFigures(default, out var third);

        Assert.False(first.Flags.HasFlag(BookFigureFlags.OfiValid));
        Assert.True(second.Flags.HasFlag(BookFigureFlags.OfiValid));
        Assert.Equal(11, second.Ofi[0]);
        Assert.Equal(11, second.OfiTotal);
        Assert.Equal(0, third.OfiTotal);
    }

    [Fact]
    public void Impact_walk_stops_after_the_level_cap_and_reports_a_partial_fill()
    {
        using var book = new NativeOrderBook(64);
        for (long i = 0; i < NativeOrderBook.MaxWalkLevels + 500; i++) book.TrySet(Side.Ask, 1000 + i, 1);

        book.ComputeFigures(new BookFigureParameters(1e12), out var f);

        Assert.True(f.Flags.HasFlag(BookFigureFlags.BuyImpactPartial));
        Assert.Equal((1000.0 + 1999.0) * NativeOrderBook.MaxWalkLevels / 2.0, f.BuyFilledNotional);
        Assert.Equal(0, f.SellImpact);
    }

    [Fact]
    public void Crossed_book_is_flagged_with_a_negative_spread()
    {
        using var book = new NativeOrderBook(64);
        book.TrySet(Side.Bid, 105, 1);
        book.TrySet(Side.Ask, 103, 1);

        book.ComputeFigures(default, out var f);

        Assert.True(f.IsCrossed);
        Assert.Equal(-2, f.Spread);
    }
}
