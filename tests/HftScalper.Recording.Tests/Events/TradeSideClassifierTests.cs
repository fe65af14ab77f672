using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Tests.Shared;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Events;

public sealed class TradeSideClassifierTests
{
    [Fact]
    public void Quote_rule_then_tick_test_then_unsigned()
    {
        var c = new TradeSideClassifier();
        Assert.Equal(Side.None, c.Classify(100));   // no quote, no previous price
        Assert.Equal(Side.Bid, c.Classify(101));    // uptick
        Assert.Equal(Side.Bid, c.Classify(101));    // zero tick: the last non-zero tick's side
        Assert.Equal(Side.Ask, c.Classify(99));     // downtick
        c.OnQuote(98, 102);                          // mid 100
        Assert.Equal(Side.Bid, c.Classify(101));    // above the mid, whatever the tick
        Assert.Equal(Side.Ask, c.Classify(99));     // below the mid
        Assert.Equal(Side.Ask, c.Classify(99));     // below the mid on a zero tick
        Assert.Equal(Side.Bid, c.Classify(100));    // at the mid: the tick test (99 -> 100 is an uptick)
        c.OnQuote(99, 100);                          // mid 99.5, compared doubled: 199
        Assert.Equal(Side.Ask, c.Classify(99));     // 198 < 199: a downtick too, but the quote rule decides
        Assert.Equal(Side.Bid, c.Classify(100));    // 200 > 199
        Assert.Equal((5L, 4L, 1L), (c.ByQuote, c.ByTick, c.Unsigned));

        c.Reset();                                   // a new day: no quote, no tick
        Assert.Equal(Side.None, c.Classify(100));
        Assert.Equal(2L, c.Unsigned);
    }

    [Fact]
    public void Lean_trades_are_signed_against_the_quote_emitted_before_them_not_the_one_read_ahead()
    {
        using var dir = new TempDir();
        WriteZip(dir.File("20131007_quote.zip"), "20131007_ibm_Quote_Tick.csv",
            "14400000,1810000,300,0,0,P,1,0\n" +
            "14400000,0,0,1830000,100,Q,1,0\n" +          // NBBO 181.00 x 183.00, mid 182.00
            "14400900,1815000,200,0,0,P,1,0\n");          // later: mid 182.25 (read ahead before the trades go out)
        WriteZip(dir.File("20131007_trade.zip"), "20131007_ibm_Trade_Tick.csv",
            "14400100,1821000,100,P,2000,0\n" +           // 182.10: above 182.00 (buy); below the later 182.25
            "14400200,1819000,100,P,2000,0\n" +           // 181.90: below (sell)
            "14400300,1820000,100,P,2000,0\n");           // at the mid: the tick test, up from 181.90 (buy)
        using var src = new LeanTickSource([dir.File("20131007_quote.zip"), dir.File("20131007_trade.zip")], new SymbolRegistry());
        var trades = ReadAll(src).Where(e => e.Kind == MarketEventKind.Trade).ToArray();

        Assert.Equal([Side.Bid, Side.Ask, Side.Bid], trades.Select(t => t.Side));
        Assert.Equal([false, true, false], trades.Select(t => (t.Flags & MarketEventFlags.BuyerIsMaker) != 0));
        Assert.Equal((2L, 1L, 0L), (src.TradeSides.ByQuote, src.TradeSides.ByTick, src.TradeSides.Unsigned));
    }

    [RequiresDataFact]
    public void Real_ibm_trades_are_nearly_all_signed_and_both_sides_trade()
    {
        var files = Directory.GetFiles(TestData.Path("equity", "lean-ibm"), "*.zip");
        using var src = new LeanTickSource(files, new SymbolRegistry());
        long buys = 0, sells = 0, none = 0;
        while (src.TryRead(out var e))
        {
            if (e.Kind != MarketEventKind.Trade) continue;
            if (e.Side == Side.Bid) buys++;
            else if (e.Side == Side.Ask) sells++;
            else none++;
        }
        long all = buys + sells + none;
        Assert.True(all > 10_000, $"{all} trades");
        Assert.True(none < all / 100, $"{none} of {all} unsigned");
        double buyShare = (double)buys / (buys + sells);
        Assert.InRange(buyShare, 0.3, 0.7); // before: every trade was side-less, read as a sell by the features
    }
}
