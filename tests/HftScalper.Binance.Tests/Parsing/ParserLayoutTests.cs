using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Tests.Parsing;

/// <summary>
/// What the single-pass scanner does not take itself: legal JSON in layouts Binance does not send, and every
/// rejection. Those frames go to the reader path (counted in SlowPathFrames) and give what the reader gives.
/// </summary>
public sealed class ParserLayoutTests
{
    private const string Depth =
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}}""";

    public static TheoryData<string> SameMessageOtherLayouts => new()
    {
        // Whitespace between tokens.
        """{ "stream" : "btcusdt@depth@100ms" , "data" : { "e" : "depthUpdate" , "E" : 1723161255208 , "s" : "BTCUSDT" , "U" : 50093239189 , "u" : 50093239202 , "b" : [ [ "61737.63000000" , "0.00000000" ] , [ "61730.17000000" , "1.50000000" ] ] , "a" : [ [ "61837.64000000" , "1.54698000" ] ] } }""",
        "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161255208,\"s\":\"BTCUSDT\",\"U\":50093239189,\"u\":50093239202,\"b\":[[\"61737.63000000\",\"0.00000000\"],[\"61730.17000000\",\"1.50000000\"]],\"a\":[[\"61837.64000000\",\"1.54698000\"]]}}\r\n",
        // data before stream.
        """{"data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]},"stream":"btcusdt@depth@100ms"}""",
        // Symbol after the levels, asks before bids, ids after the levels.
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]],"s":"BTCUSDT"}}""",
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"a":[["61837.64000000","1.54698000"]],"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]]}}""",
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","s":"BTCUSDT","b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]],"E":1723161255208,"U":50093239189,"u":50093239202}}""",
        // The event type after everything else.
        """{"stream":"btcusdt@depth@100ms","data":{"E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]],"e":"depthUpdate"}}""",
        // Escaped strings and nested values in unknown fields; an escaped key; a level with an extra element.
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","x":"a\"b\\c\u00e9","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}}""",
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","y":{"k":[1,2.5,-3,null]},"E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}}""",
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"\u0073":"IGNORED","s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}}""",
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000","x"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}}""",
        // Numbers with fewer decimals than the scale, and with trailing zeros past it.
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63","0"],["61730.17","1.5"]],"a":[["61837.6400000000000","1.54698"]]}}""",
    };

    [Theory]
    [MemberData(nameof(SameMessageOtherLayouts))]
    public void Other_layouts_of_a_message_give_the_same_events(string json)
    {
        var expected = new ParserFixture();
        Assert.Equal(ParseResult.Events, expected.Parse(Depth));
        Assert.Equal(0, expected.Parser.Counters.SlowPathFrames); // Binance's own layout: fast path
        var f = new ParserFixture();

        var result = f.Parse(json);

        Assert.Equal(ParseResult.Events, result);
        Assert.Equal(expected.Events, f.Events);
    }

    [Fact]
    public void Layouts_the_scanner_does_not_take_go_through_the_reader_and_are_counted()
    {
        var f = new ParserFixture();

        f.Parse("""{ "e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true}""");
        f.Parse("""{"e":"trade","E":1,"s":"BTCUSDT","t":2,"p":"1.00","q":"1","m":true}""");

        Assert.Equal(2, f.Parser.Counters[ParseResult.Events]);
        Assert.Equal(1, f.Parser.Counters.SlowPathFrames);
    }

    [Theory]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.5e2","q":"1","m":true}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.001","q":"1","m":true}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":1e3,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":01,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true}""", ParseResult.InvalidJson)]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"0.000001","m":true}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":" 1.00","q":"1","m":true}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true,}""", ParseResult.InvalidJson)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","2.00"],],"a":[]}""", ParseResult.InvalidJson)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","2.00"]],"a":[["1.0.0","1"]]}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["18446744073709551616.00","1"]],"a":[]}""", ParseResult.BadNumber)]
    [InlineData("""{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true}""", ParseResult.InvalidJson)]
    [InlineData("""{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","q":"1","m":true}}}""", ParseResult.InvalidJson)]
    public void Numbers_and_frames_the_scanner_cannot_accept_get_the_readers_rejection_reason(string json, ParseResult expected)
    {
        var f = new ParserFixture();

        Assert.Equal(expected, f.Parse(json));
        Assert.Empty(f.Events);
        Assert.Equal(1, f.Parser.Counters.SlowPathFrames);
    }

    [Theory]
    [InlineData("""{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}""")]
    [InlineData("""{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.5"}""")]
    [InlineData("""{"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000","u":50093239212}""")]
    public void Numbers_in_the_last_16_bytes_of_a_frame_parse_exactly_without_the_reader(string json)
    {
        // The last field of a bare bookTicker ends within 16 bytes of the frame's end, where the scanner's numbers
        // read a zero-padded copy of the tail (a 16-byte load would run past the frame); the truncation and corruption
        // tests compare that path with the reader on every prefix.
        var f = new ParserFixture();

        Assert.Equal(ParseResult.Events, f.Parse(json));

        Assert.Equal(0, f.Parser.Counters.SlowPathFrames);
        var e = Assert.Single(f.Events);
        Assert.Equal(6_183_763L, e.Price);
        Assert.Equal(378_826L, e.Quantity);
        Assert.Equal(6_183_764L, e.AskPrice);
        Assert.Equal(json.Contains("\"A\":\"1.5\"") ? 150_000L : 154_698L, e.AskQuantity);
        Assert.Equal(50_093_239_212L, e.UpdateId);
    }

    [Fact]
    public void Repeated_keys_keep_the_last_value_like_the_reader()
    {
        var f = new ParserFixture();

        var result = f.Parse("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.00","p":"2.00","q":"1","m":true}""");

        Assert.Equal(ParseResult.Events, result);
        Assert.Equal(200, Assert.Single(f.Events).Price);
    }

    [Fact]
    public void Random_corruptions_of_real_messages_give_the_readers_outcome_and_events()
    {
        var samples = new[]
        {
            Depth,
            """{"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}""",
            """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}""",
            """{"stream":"ethusdt@depth@100ms","data":{"e":"depthUpdate","E":1626992741037,"T":1626992741024,"s":"ETHUSDT","U":600,"u":610,"pu":599,"b":[["7.5040","813"]],"a":[["7.5050","1.5"]]}}""",
            """{"stream":"ethusdt@bookTicker","data":{"e":"bookTicker","u":600859600576,"s":"ETHUSDT","b":"7.6110","B":"2","a":"7.6120","A":"297","T":1626992741012,"E":1626992741017}}""",
            """{"stream":"ethusdt@aggTrade","data":{"e":"aggTrade","E":1626992741017,"a":5,"s":"ETHUSDT","p":"7.6110","q":"2","f":7,"l":8,"T":1626992741012,"m":false}}""",
            """{"lastUpdateId":167006089178,"E":1626916404580,"T":1626916404574,"symbol":"BTCUSD_PERP","pair":"BTCUSD","bids":[["427.9","169"]],"asks":[["428.0","1"],["428.1","2"]]}""",
            """{"stream":"btcusdt@depth5@100ms","data":{"lastUpdateId":160,"bids":[["0.01","1.0"]],"asks":[["0.02","2.5"]]}}""",
        };
        var rng = new Random(11);
        const string alphabet = "0123456789.\"',:[]{} \\e-+Eatrue";
        var frames = new List<RawFrame>();
        foreach (var sample in samples)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            frames.Add(Frame(bytes));
            for (int len = 1; len < bytes.Length; len++) frames.Add(Frame(bytes[..len]));
            for (int n = 0; n < 3000; n++)
            {
                var copy = new List<byte>(bytes);
                for (int edits = rng.Next(1, 3); edits > 0; edits--)
                {
                    int at = rng.Next(copy.Count);
                    switch (rng.Next(4))
                    {
                        case 0: copy[at] = (byte)alphabet[rng.Next(alphabet.Length)]; break;
                        case 1: copy[at] = (byte)rng.Next(256); break;
                        case 2: copy.RemoveAt(at); break;
                        default: copy.Insert(at, (byte)alphabet[rng.Next(alphabet.Length)]); break;
                    }
                }
                frames.Add(Frame([.. copy]));
            }
        }
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        registry.Register("ETHUSDT", "binance-usdm", 4, 3);
        registry.Register("BTCUSD_PERP", "binance-coinm", 1, 0);

        // Corruptions of one message repeat its ids: compare the paths without the duplicate filter.
        var parser = ParserDifferentialTests.Compare(registry, null, frames, dropDuplicateIds: false);

        // Both paths were exercised: many corruptions are still valid messages, most are rejected.
        Assert.True(parser.Counters[ParseResult.Events] > 1000);
        Assert.True(parser.Counters.Rejected > 10_000);
    }

    private static RawFrame Frame(byte[] json) => new(1, FrameOrigin.WebSocket, -1, 0, json);
}
