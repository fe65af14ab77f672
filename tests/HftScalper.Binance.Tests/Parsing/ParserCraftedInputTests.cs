using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Parsing;

/// <summary>Crafted frames (#13): quantities near long.MaxValue, duplicated lines, more symbols than the cap.</summary>
public sealed class ParserCraftedInputTests
{
    // BTCUSDT has 5 quantity decimals in the fixture: 92233720368547.75807 is long.MaxValue lots.
    private const string MaxQty = "92233720368547.75807";

    [Theory]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"QTY","m":true}""")]
    [InlineData("""{"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"p":"1.00","q":"QTY","f":1,"l":1,"T":1,"m":true}""")]
    [InlineData("""{"u":1,"s":"BTCUSDT","b":"1.00","B":"QTY","a":"1.01","A":"1"}""")]
    [InlineData("""{"u":1,"s":"BTCUSDT","b":"1.00","B":"1","a":"1.01","A":"QTY"}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","1"],["0.99","QTY"]],"a":[]}""")]
    [InlineData("""{"stream":"btcusdt@depth","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[],"a":[["1.01","QTY"]]}}""")]
    [InlineData("""{"lastUpdateId":5,"bids":[["1.00","QTY"]],"asks":[["1.01","1"]]}""")]
    public void A_quantity_above_the_bound_is_rejected_by_both_paths_and_counted(string template)
    {
        var f = new ParserFixture();
        string json = template.Replace("QTY", MaxQty, StringComparison.Ordinal);
        var frame = new RawFrame(1, FrameOrigin.WebSocket, json.Contains("lastUpdateId", StringComparison.Ordinal) ? f.Btc : -1, 0,
            Encoding.UTF8.GetBytes(json));
        var output = new MarketEventBuffer(4);

        Assert.Equal(ParseResult.QuantityTooLarge, f.Parser.Parse(in frame, output));
        Assert.Equal(0, output.Count);
        Assert.Equal(1, f.Parser.Counters[ParseResult.QuantityTooLarge]);
        Assert.Equal(1, f.Parser.Counters.Rejected);
        Assert.Equal(ParseResult.QuantityTooLarge, new ReaderParser(f.Registry).Parse(in frame, new MarketEventBuffer(4)));

        // At the bound (10^18 lots) the same frame is accepted, by both paths alike.
        string atBound = template.Replace("QTY", "10000000000000.00000", StringComparison.Ordinal);
        var ok = new RawFrame(1, FrameOrigin.WebSocket, frame.SymbolId, 0, Encoding.UTF8.GetBytes(atBound));
        var fast = new MarketEventBuffer(4);
        var slow = new MarketEventBuffer(4);
        Assert.Equal(ParseResult.Events, new BinanceParser(f.Registry).Parse(in ok, fast));
        Assert.Equal(ParseResult.Events, new ReaderParser(f.Registry).Parse(in ok, slow));
        Assert.Equal(slow.Events.ToArray(), fast.Events.ToArray());
        Assert.Contains(fast.Events.ToArray(), e => e.Quantity == BinanceParserOptions.DefaultMaxQuantityLots
            || (e.Kind == MarketEventKind.TopOfBook && e.AskQuantity == BinanceParserOptions.DefaultMaxQuantityLots));
    }

    [Fact]
    public void The_quantity_bound_is_configurable()
    {
        var f = new ParserFixture(new BinanceParserOptions { MaxQuantityLots = 100 });
        Assert.Equal(ParseResult.Events, f.Parse("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"0.00100","m":true}"""));
        Assert.Equal(ParseResult.QuantityTooLarge, f.Parse("""{"e":"trade","E":1,"s":"BTCUSDT","t":2,"p":"1.00","q":"0.00101","m":true}"""));
    }

    [Fact]
    public void Duplicated_trades_aggregates_and_tickers_are_dropped_by_id_per_symbol_and_kind_and_counted()
    {
        var f = new ParserFixture();
        const string trade5 = """{"e":"trade","E":1,"s":"BTCUSDT","t":5,"p":"1.00","q":"1","m":true}""";

        Assert.Equal(ParseResult.Events, f.Parse(trade5));
        Assert.Equal(ParseResult.Duplicate, f.Parse(trade5));
        Assert.Empty(f.Events);
        // The same id in a layout only the reader path takes: still a duplicate.
        Assert.Equal(ParseResult.Duplicate, f.Parse("""{ "e":"trade","E":1,"s":"BTCUSDT","t":5,"p":"1.00","q":"1","m":true}"""));
        Assert.Equal(ParseResult.Duplicate, f.Parse("""{"e":"trade","E":1,"s":"BTCUSDT","t":4,"p":"1.00","q":"1","m":true}"""));
        Assert.Equal(ParseResult.Events, f.Parse("""{"e":"trade","E":1,"s":"BTCUSDT","t":6,"p":"1.00","q":"1","m":true}"""));
        // Other id spaces and other symbols are independent.
        Assert.Equal(ParseResult.Events, f.Parse("""{"e":"aggTrade","E":1,"s":"BTCUSDT","a":5,"p":"1.00","q":"1","f":5,"l":5,"T":1,"m":true}"""));
        Assert.Equal(ParseResult.Duplicate, f.Parse("""{"e":"aggTrade","E":1,"s":"BTCUSDT","a":5,"p":"1.00","q":"1","f":5,"l":5,"T":1,"m":true}"""));
        Assert.Equal(ParseResult.Events, f.Parse("""{"e":"trade","E":1,"s":"ETHUSDT","t":5,"p":"1.0000","q":"1","m":true}"""));
        const string ticker = """{"u":5,"s":"BTCUSDT","b":"1.00","B":"1","a":"1.01","A":"1"}""";
        Assert.Equal(ParseResult.Events, f.Parse(ticker));
        Assert.Equal(ParseResult.Duplicate, f.Parse(ticker));
        Assert.Equal(ParseResult.Duplicate, f.Parse("""{"stream":"btcusdt@bookTicker","data":{"u":5,"s":"BTCUSDT","b":"1.00","B":"1","a":"1.01","A":"1"}}"""));

        Assert.Equal(6, f.Parser.Counters.Duplicates);
        Assert.Equal(0, f.Parser.Counters.Rejected);
        Assert.Equal(5, f.Parser.Counters[ParseResult.Events]);
        Assert.Contains("Duplicate=6", f.Parser.Counters.ToString(), StringComparison.Ordinal);
        // The first one is named for the log line (replay, book-check, features); later ones are only counted.
        Assert.StartsWith("BTCUSDT Trade id 5 received at ", f.Parser.Counters.FirstDuplicate, StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_messages_are_dropped_by_final_id_snapshots_never_and_the_filter_can_be_turned_off()
    {
        var f = new ParserFixture();
        const string depth = """{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","1"],["0.99","1"]],"a":[]}""";
        Assert.Equal(ParseResult.Events, f.Parse(depth));
        Assert.Equal(ParseResult.Duplicate, f.Parse(depth));
        Assert.Empty(f.Events);
        Assert.Equal(ParseResult.Events, f.Parse("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":3,"u":3,"b":[],"a":[]}"""));
        const string snapshot = """{"lastUpdateId":2,"bids":[["1.00","1"]],"asks":[]}""";
        Assert.Equal(ParseResult.Events, f.Parse(snapshot, symbolId: f.Btc, origin: FrameOrigin.RestSnapshot));
        Assert.Equal(ParseResult.Events, f.Parse(snapshot, symbolId: f.Btc, origin: FrameOrigin.RestSnapshot));
        Assert.Equal(1, f.Parser.Counters.Duplicates);

        var off = new ParserFixture(new BinanceParserOptions { DropDuplicateIds = false });
        const string trade = """{"e":"trade","E":1,"s":"BTCUSDT","t":5,"p":"1.00","q":"1","m":true}""";
        Assert.Equal(ParseResult.Events, off.Parse(trade));
        Assert.Equal(ParseResult.Events, off.Parse(trade));
        Assert.Equal(0, off.Parser.Counters.Duplicates);
    }

    [Fact]
    public void Parsing_a_mark_price_frame_allocates_nothing()
    {
        var f = new ParserFixture();
        var frame = new RawFrame(1, FrameOrigin.WebSocket, -1, 0, Encoding.UTF8.GetBytes(
            """{"stream":"ethusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"ETHUSDT","p":"1794.15126789","i":"1794.00000000","P":"1794.00000000","r":"0.00010000","T":2}}"""));
        var output = new MarketEventBuffer(4);
        Assert.Equal(ParseResult.Events, f.Parser.Parse(in frame, output));
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                output.Clear();
                f.Parser.Parse(in frame, output);
            }
        }));
        Assert.Equal(MarketEventKind.MarkPrice, output.Events[0].Kind);
    }

    [Fact]
    public void Dropping_duplicates_allocates_nothing()
    {
        var f = new ParserFixture();
        var frame = new RawFrame(1, FrameOrigin.WebSocket, -1, 0,
            Encoding.UTF8.GetBytes("""{"e":"trade","E":1,"s":"BTCUSDT","t":5,"p":"1.00","q":"1","m":true}"""));
        var output = new MarketEventBuffer(4);
        f.Parser.Parse(in frame, output);
        long bytes = SteadyStateAllocation.FewestBytes(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                output.Clear();
                f.Parser.Parse(in frame, output);
            }
        }, out int passes);
        Assert.Equal(0, bytes);
        Assert.Equal(10_000 * passes, f.Parser.Counters.Duplicates);
    }

    [Fact]
    public void A_new_symbol_past_the_registry_cap_is_rejected_and_counted_not_thrown()
    {
        var registry = new SymbolRegistry(maxSymbols: 2);
        registry.Register("BTCUSDT", "binance-spot", 2, 8);
        var parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = "binance-spot" });
        var output = new MarketEventBuffer(4);
        ParseResult Trade(string symbol) => parser.Parse(new RawFrame(1, FrameOrigin.WebSocket, -1, 0,
            Encoding.UTF8.GetBytes($$"""{"e":"trade","E":1,"s":"{{symbol}}","t":1,"p":"1.00","q":"1","m":true}""")), output);

        Assert.Equal(ParseResult.Events, Trade("ETHUSDT"));
        Assert.Equal(ParseResult.TooManySymbols, Trade("SOLUSDT"));
        Assert.Equal(ParseResult.TooManySymbols, Trade("XRPUSDT"));
        Assert.Equal(2, registry.Count);
        Assert.Equal(2, registry.Refused);
        Assert.Equal(2, parser.Counters[ParseResult.TooManySymbols]);
    }
}
