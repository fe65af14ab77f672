using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;

namespace HftScalper.Binance.Tests.Parsing;

public sealed class ParserRejectionTests
{
    private const string Depth =
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}}""";

    [Theory]
    [InlineData("", ParseResult.Empty)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","2.00"]],"a":[""", ParseResult.InvalidJson)]
    [InlineData("""[1,2,3]""", ParseResult.InvalidJson)]
    [InlineData("""{"e":"trade"} trailing""", ParseResult.InvalidJson)]
    [InlineData("""not json""", ParseResult.InvalidJson)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","u":2,"b":[],"a":[]}""", ParseResult.MissingField)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":"1","u":2,"b":[],"a":[]}""", ParseResult.WrongType)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[[1.0,"2.00"]],"a":[]}""", ParseResult.WrongType)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":{"x":1},"a":[]}""", ParseResult.WrongType)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00"]],"a":[]}""", ParseResult.MissingField)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":99999999999999999999,"b":[],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":-1,"u":2,"b":[],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":1.5,"s":"BTCUSDT","U":1,"u":2,"b":[],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":9223372036854775807,"s":"BTCUSDT","U":1,"u":2,"b":[],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["99999999999999999999.00","1"]],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.001","1"]],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1e5","1"]],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"-1.00","q":"1","m":true}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":"yes"}""", ParseResult.WrongType)]
    [InlineData("""{"u":1,"s":"BTCUSDT","b":"1.00","B":"1","a":"1.01"}""", ParseResult.MissingField)]
    [InlineData("""{"e":"trade","E":1,"s":"XYZ","t":1,"p":"1.00","q":"1","m":true}""", ParseResult.UnknownSymbol)]
    [InlineData("""{"lastUpdateId":5,"bids":[],"asks":[]}""", ParseResult.MissingField)]
    public void Bad_input_is_rejected_with_a_reason_and_produces_nothing(string json, ParseResult expected)
    {
        var f = new ParserFixture();

        var result = f.Parse(json);

        Assert.Equal(expected, result);
        Assert.Empty(f.Events);
        Assert.Equal(1, f.Parser.Counters[expected]);
        Assert.Equal(1, f.Parser.Counters.Rejected);
    }

    [Fact]
    public void Unknown_fields_are_skipped()
    {
        var f = new ParserFixture();

        var result = f.Parse("""{"e":"depthUpdate","X":{"deep":[1,[2,{"a":3}]]},"E":1,"s":"BTCUSDT","U":1,"u":2,"zz":"q","b":[["1.00","2.00","extra"]],"a":[]}""");

        Assert.Equal(ParseResult.Events, result);
        Assert.Equal(100, Assert.Single(f.Events).Price);
    }

    [Fact]
    public void A_rejected_message_rolls_back_the_levels_already_written()
    {
        var f = new ParserFixture();
        f.Output.Clear();
        f.Parser.Parse(Frame("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true}"""), f.Output);

        var result = f.Parser.Parse(Frame("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","2.00"],["1.01","2.00"]],"a":[["bad","1"]]}"""), f.Output);

        Assert.Equal(ParseResult.BadNumber, result);
        Assert.Equal(MarketEventKind.Trade, Assert.Single(f.Output.Events.ToArray()).Kind);
    }

    [Fact]
    public void A_10_MB_frame_is_rejected_unread()
    {
        var f = new ParserFixture();
        var big = new byte[10 * 1024 * 1024];
        Array.Fill(big, (byte)' ');
        big[0] = (byte)'{';
        big[^1] = (byte)'}';

        Assert.Equal(ParseResult.TooLarge, f.Parse(big));
        Assert.Equal(1, f.Parser.Counters[ParseResult.TooLarge]);
    }

    [Fact]
    public void Too_many_levels_are_rejected()
    {
        var f = new ParserFixture(new BinanceParserOptions { MaxLevelsPerMessage = 2 });

        Assert.Equal(ParseResult.TooManyLevels, f.Parse("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","1"],["2.00","1"]],"a":[["3.00","1"]]}"""));
    }

    [Fact]
    public void Deeply_nested_garbage_is_rejected_not_thrown()
    {
        var f = new ParserFixture();

        Assert.Equal(ParseResult.InvalidJson, f.Parse("{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}"));
    }

    [Fact]
    public void Every_truncation_and_byte_flip_of_a_real_message_is_handled_without_throwing()
    {
        var f = new ParserFixture();
        var bytes = Encoding.UTF8.GetBytes(Depth);
        var rng = new Random(42);
        int accepted = 0;

        for (int len = 0; len < bytes.Length; len++)
            if (f.Parse(bytes[..len]) == ParseResult.Events) accepted++;
        for (int i = 0; i < 2000; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            var r = f.Parse(copy);
            Assert.True(r == ParseResult.Events ? f.Output.Count > 0 : f.Output.Count == 0);
        }

        Assert.Equal(0, accepted); // no strict prefix of an object is a complete message
        Assert.Equal(bytes.Length + 2000, f.Parser.Counters.Frames);
    }

    private static RawFrame Frame(string json) => new(1, FrameOrigin.WebSocket, -1, 0, Encoding.UTF8.GetBytes(json));
}
