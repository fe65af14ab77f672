using System.IO.Compression;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Events;

public sealed class BinanceCsvSourceTests
{
    [Fact]
    public void BookTicker_with_header_becomes_top_of_book_events()
    {
        using var dir = new TempDir();
        string path = dir.File("BTCUSDT-bookTicker-2024-03-01.csv");
        File.WriteAllText(path,
            "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n" +
            "4237542425963,61837.60,1.234,61837.70,0.500,1709251200001,1709251200003\r\n" +
            "4237542425970,61837.50,2.000,61837.70,0.400,1709251200010,1709251200011\n");
        var registry = new SymbolRegistry();

        using var src = new BinanceCsvSource(path, registry);
        var events = ReadAll(src);

        Assert.Equal(BinanceCsvKind.BookTicker, src.Kind);
        Assert.Equal("BTCUSDT", src.Symbol.Name);
        Assert.Equal("generic", src.Symbol.Venue);
        Assert.Equal(2, events.Count);
        var e = events[0];
        Assert.Equal(MarketEventKind.TopOfBook, e.Kind);
        Assert.Equal(6_183_760_000_000L, e.Price);
        Assert.Equal(123_400_000L, e.Quantity);
        Assert.Equal(6_183_770_000_000L, e.AskPrice);
        Assert.Equal(50_000_000L, e.AskQuantity);
        Assert.Equal(4237542425963L, e.UpdateId);
        Assert.Equal(1709251200001L * Ms, e.ExchangeTimeNs);
        Assert.Equal(1709251200003L * Ms, e.LocalTimeNs);
        Assert.Equal(2, src.Stats.Rows);
    }

    [Fact]
    public void Duplicated_rows_are_dropped_by_id_and_counted()
    {
        using var dir = new TempDir();
        string path = dir.File("ETHUSDT-aggTrades-2024-03-01.csv");
        const string a = "100,3400.01000000,0.50000000,200,202,1709251200123,True,True\n";
        const string b = "101,3400.02000000,0.10000000,203,203,1709251200124,False,True\n";
        File.WriteAllText(path, a + a + b + a + b);
        var registry = new SymbolRegistry();

        using var src = new BinanceCsvSource(path, registry);
        var events = ReadAll(src);

        Assert.Equal([100L, 101L], events.Select(e => e.UpdateId));
        Assert.Equal(3, src.Stats.Duplicates);
        Assert.Equal(2, src.Stats.Events);
        Assert.Equal(0, src.Stats.BadRows);
    }

    [Fact]
    public void Spot_aggTrades_without_header_map_ids_and_aggressor_side()
    {
        using var dir = new TempDir();
        string path = dir.File("ETHUSDT-aggTrades-2024-03-01.csv");
        File.WriteAllText(path,
            "100,3400.01000000,0.50000000,200,202,1709251200123,True,True\n" +
            "101,3400.02000000,0.10000000,203,203,1709251200124,False,True\n");
        var registry = new SymbolRegistry();
        registry.Register("ETHUSDT", "binance-spot", 2, 4); // a known symbol keeps its own scales

        using var src = new BinanceCsvSource(path, registry);
        var events = ReadAll(src);

        Assert.Equal(2, events.Count);
        Assert.Equal((MarketEventKind.Trade, 340001L, 5000L, 100L, 200L, Side.Ask), (events[0].Kind, events[0].Price, events[0].Quantity, events[0].UpdateId, events[0].FirstUpdateId, events[0].Side));
        Assert.True((events[0].Flags & MarketEventFlags.BuyerIsMaker) != 0);
        Assert.Equal(Side.Bid, events[1].Side);
        Assert.Equal(1709251200124L * Ms, events[1].ExchangeTimeNs);
    }

    [Fact]
    public void Trades_in_a_zip_with_microsecond_times_and_a_bad_row_are_read_and_the_bad_row_counted()
    {
        using var dir = new TempDir();
        string path = dir.File("BTCUSDT-trades-2025-01-02.zip");
        WriteZip(path, "BTCUSDT-trades-2025-01-02.csv",
            "id,price,qty,quote_qty,time,is_buyer_maker\n" +
            "1,94000.10,0.001,94.0001,1735776000000123,false\n" +
            "2,not-a-price,0.001,94.0001,1735776000000124,false\n" +
            "3,94000.20,0.002,188.0004,1735776000000125,true\n");

        using var src = new BinanceCsvSource(path, new SymbolRegistry());
        var events = ReadAll(src);

        Assert.Equal(BinanceCsvKind.Trades, src.Kind);
        Assert.Equal([1L, 3L], events.Select(e => e.UpdateId));
        Assert.Equal(1735776000000123L * 1000, events[0].ExchangeTimeNs);
        Assert.Equal(1, src.Stats.BadRows);
        Assert.Contains("line 3", src.Stats.FirstProblem);
    }

    [Fact]
    public void Nanosecond_times_are_kept_and_second_times_are_bad_rows_not_1970()
    {
        // Nanoseconds were multiplied by 1,000 (wrapping past 64 bits) and seconds read as milliseconds (January 1970),
        // both silently: a row whose time is none of ms, us or ns is now a counted bad row.
        using var dir = new TempDir();
        string path = dir.File("BTCUSDT-trades-2025-01-02.csv");
        File.WriteAllText(path,
            "1,94000.10,0.001,94.0001,1735776000000123456,false\n" +
            "2,94000.10,0.001,94.0001,1735776000,false\n" +
            "3,94000.20,0.002,188.0004,1735776000001,true\n");

        using var src = new BinanceCsvSource(path, new SymbolRegistry());
        var events = ReadAll(src);

        Assert.Equal([1L, 3L], events.Select(e => e.UpdateId));
        Assert.Equal(1735776000000123456L, events[0].ExchangeTimeNs);
        Assert.Equal(1735776000001L * Ms, events[1].ExchangeTimeNs);
        Assert.Equal(1, src.Stats.BadRows);
        Assert.Contains("line 2", src.Stats.FirstProblem);
    }

    [Theory]
    [InlineData("x.csv", "update_id,best_bid_price,best_bid_qty", BinanceCsvKind.BookTicker)]
    [InlineData("x.csv", "agg_trade_id,price,quantity,first_trade_id", BinanceCsvKind.AggTrades)]
    [InlineData("x.csv", "id,price,qty,quote_qty,time,is_buyer_maker", BinanceCsvKind.Trades)]
    [InlineData("x.csv", "1,2.0,3.0,4,5,6,true,true", BinanceCsvKind.AggTrades)]
    [InlineData("x.csv", "1,2.0,3.0,6.0,1700000000000,true,true", BinanceCsvKind.Trades)]
    [InlineData("x.csv", "1,2.0,3.0,4.0,5.0,1700000000000,1700000000001", BinanceCsvKind.BookTicker)]
    [InlineData("BTCUSDT-aggTrades-2024-01-01.csv", "", BinanceCsvKind.AggTrades)]
    public void Kind_is_detected_from_name_header_or_row_shape(string name, string firstLine, BinanceCsvKind expected)
    {
        Assert.Equal(expected, BinanceCsvSource.DetectKind(name, firstLine));
    }

    [Fact]
    public void Unrecognisable_csv_is_a_clear_error()
    {
        Assert.Null(BinanceCsvSource.DetectKind("x.csv", "time,price"));
    }
}
