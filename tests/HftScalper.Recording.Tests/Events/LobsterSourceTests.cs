using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Events;

public sealed class LobsterSourceTests
{
    [Fact]
    public void Executions_become_trades_and_level_one_changes_become_quotes()
    {
        using var dir = new TempDir();
        string msg = dir.File("AAPL_2012-06-21_34200000_57600000_message_1.csv");
        File.WriteAllText(msg,
            "34200.004241176,1,16113575,18,5853300,1\n" +     // new buy order: best bid appears
            "34200.025552081,1,16120456,18,5859100,-1\n" +    // new sell order: ask appears -> first valid quote
            "34200.201743305,3,16120456,18,5859100,-1\n" +    // cancel: book unchanged at level 1? no, ask moves
            "34200.201765000,4,16113575,10,5853300,1\n" +     // execution of the buy order: seller aggressed
            "34200.300000000,5,0,5,5855000,-1\n" +            // hidden execution against a sell order
            "34200.400000000,7,-1,0,-1,-1\n");                // trading halt: ignored
        File.WriteAllText(LobsterSource.OrderbookPathFor(msg)!,
            "9999999999,0,5853300,18\n" +
            "5859100,18,5853300,18\n" +
            "5860000,50,5853300,18\n" +
            "5860000,50,5853300,8\n" +
            "5860000,50,5853300,8\n" +
            "5860000,50,5853300,8\n");

        using var src = new LobsterSource(msg, new SymbolRegistry());
        var ev = ReadAll(src);

        long midnight = new DateTimeOffset(2012, 6, 21, 0, 0, 0, TimeSpan.FromHours(-4)).ToUnixTimeMilliseconds() * Ms;
        Assert.Equal([MarketEventKind.TopOfBook, MarketEventKind.TopOfBook, MarketEventKind.Trade, MarketEventKind.TopOfBook, MarketEventKind.Trade],
            ev.Select(e => e.Kind));
        Assert.Equal((5853300L, 18L, 5859100L, 18L), (ev[0].Price, ev[0].Quantity, ev[0].AskPrice, ev[0].AskQuantity));
        Assert.Equal(midnight + 34_200_025_552_081L, ev[0].ExchangeTimeNs);
        Assert.Equal((5853300L, 10L, Side.Ask), (ev[2].Price, ev[2].Quantity, ev[2].Side));
        Assert.Equal(8L, ev[3].Quantity);
        Assert.Equal(ev[2].ExchangeTimeNs, ev[3].ExchangeTimeNs);
        Assert.Equal(Side.Bid, ev[4].Side);
        Assert.Equal(1, src.Stats.LockedOrCrossed);
        Assert.Equal(1, src.Stats.Ignored);
        Assert.Equal("AAPL", src.Symbol.Name);
        Assert.Equal(4, src.Symbol.PriceDecimals);
    }

    [Fact]
    public void Orderbook_file_shorter_than_messages_is_counted_not_thrown()
    {
        using var dir = new TempDir();
        string msg = dir.File("MSFT_2012-06-21_34200000_57600000_message_1.csv");
        File.WriteAllText(msg, "34200.1,1,1,10,300000,1\n34200.2,1,2,10,300100,-1\n");
        File.WriteAllText(LobsterSource.OrderbookPathFor(msg)!, "300100,10,300000,10\n");

        using var src = new LobsterSource(msg, new SymbolRegistry());
        var ev = ReadAll(src);

        Assert.Single(ev);
        Assert.Equal(1, src.Stats.BadRows);
    }
}
