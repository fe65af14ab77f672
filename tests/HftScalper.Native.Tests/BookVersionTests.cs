using HftScalper.Core.Events;

namespace HftScalper.Native.Tests;

/// <summary><see cref="NativeOrderBook.Version"/> moves on every call that may change the levels and on no read, so a
/// copy of the levels taken at a version is current while the version stays.</summary>
public sealed class BookVersionTests
{
    [Fact]
    public void Every_call_that_may_change_the_levels_moves_the_version_and_reads_do_not()
    {
        using var book = new NativeOrderBook();
        var levels = new BookLevel[4];
        long v = book.Version;

        book.TrySet(Side.Bid, 100, 5);
        Assert.True(book.Version > v, "TrySet");
        v = book.Version;
        book.TrySet(Side.Bid, -1, 5); // refused: counted all the same
        Assert.True(book.Version > v, "refused TrySet");
        v = book.Version;
        var delta = new MarketEvent { Kind = MarketEventKind.BookDelta, Side = Side.Ask, Price = 101, Quantity = 2, Flags = MarketEventFlags.LastInMessage };
        book.ApplyEvents([delta], out _);
        Assert.True(book.Version > v, "ApplyEvents");
        v = book.Version;
        book.ApplyEvent(in delta);
        Assert.True(book.Version > v, "ApplyEvent");
        v = book.Version;
        book.LoadSnapshot([new BookLevel(99, 1)], [new BookLevel(102, 1)]);
        Assert.True(book.Version > v, "LoadSnapshot");
        v = book.Version;

        book.CopyLevels(Side.Bid, levels);
        book.TryGetTop(out _);
        book.LevelCount(Side.Ask);
        book.ComputeFigures(new BookFigureParameters(), out _);
        book.GetStats();
        Assert.Equal(v, book.Version);

        book.Clear();
        Assert.True(book.Version > v, "Clear");
    }
}
