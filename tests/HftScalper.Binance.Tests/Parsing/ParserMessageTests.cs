using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;

namespace HftScalper.Binance.Tests.Parsing;

public sealed class ParserMessageTests
{
    private const string SpotDepth =
        """{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],["61730.17000000","1.50000000"]],"a":[["61837.64000000","1.54698000"]]}""";

    [Fact]
    public void Spot_depth_update_becomes_one_event_per_level_with_last_flagged()
    {
        var f = new ParserFixture();

        var result = f.Parse(SpotDepth, localNs: 777);

        Assert.Equal(ParseResult.Events, result);
        var ev = f.Events;
        Assert.Equal(3, ev.Length);
        Assert.All(ev, e =>
        {
            Assert.Equal(MarketEventKind.BookDelta, e.Kind);
            Assert.Equal(f.Btc, e.SymbolId);
            Assert.Equal(50093239189, e.FirstUpdateId);
            Assert.Equal(50093239202, e.UpdateId);
            Assert.Equal(1723161255208_000_000, e.ExchangeTimeNs);
            Assert.Equal(777, e.LocalTimeNs);
            Assert.Equal(0, (int)(e.Flags & MarketEventFlags.HasPrevUpdateId));
        });
        Assert.Equal((Side.Bid, 6173763L, 0L), (ev[0].Side, ev[0].Price, ev[0].Quantity));
        Assert.Equal((Side.Bid, 6173017L, 150000L), (ev[1].Side, ev[1].Price, ev[1].Quantity));
        Assert.Equal((Side.Ask, 6183764L, 154698L), (ev[2].Side, ev[2].Price, ev[2].Quantity));
        Assert.False(ev[0].IsLastInMessage);
        Assert.False(ev[1].IsLastInMessage);
        Assert.True(ev[2].IsLastInMessage);
    }

    [Fact]
    public void Usdm_depth_update_carries_pu_and_the_flag()
    {
        var f = new ParserFixture();

        var result = f.Parse("""{"e":"depthUpdate","E":1626992741037,"T":1626992741024,"s":"ETHUSDT","U":600,"u":610,"pu":599,"b":[["7.5040","813"]],"a":[]}""");

        Assert.Equal(ParseResult.Events, result);
        var e = Assert.Single(f.Events);
        Assert.Equal(599, e.PrevUpdateId);
        Assert.True((e.Flags & MarketEventFlags.HasPrevUpdateId) != 0);
        Assert.Equal(75040, e.Price);
        Assert.Equal(813000, e.Quantity);
        Assert.Equal(1626992741037_000_000, e.ExchangeTimeNs); // E wins over T
    }

    [Fact]
    public void Coinm_depth_update_parses_like_usdm()
    {
        var f = new ParserFixture();

        var result = f.Parse("""{"stream":"btcusd_perp@depth@100ms","data":{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSD_PERP","ps":"BTCUSD","U":5,"u":9,"pu":4,"b":[["32000.5","12"]],"a":[["32001.0","3"]]}}""");

        Assert.Equal(ParseResult.Events, result);
        Assert.Equal(2, f.Events.Length);
        Assert.All(f.Events, e => Assert.Equal((f.Coin, 4L), (e.SymbolId, e.PrevUpdateId)));
        Assert.Equal(320005, f.Events[0].Price);
    }

    [Fact]
    public void Empty_depth_message_still_yields_one_event_to_chain_ids()
    {
        var f = new ParserFixture();

        f.Parse("""{"e":"depthUpdate","E":5,"s":"BTCUSDT","U":10,"u":12,"b":[],"a":[]}""");

        var e = Assert.Single(f.Events);
        Assert.Equal(MarketEventFlags.EmptyMessage | MarketEventFlags.LastInMessage, e.Flags);
        Assert.Equal((10L, 12L, Side.None), (e.FirstUpdateId, e.UpdateId, e.Side));
    }

    [Theory]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","2.00"]],"a":[]}}""")]
    [InlineData("""{"data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.00","2.00"]],"a":[]},"stream":"btcusdt@depth@100ms"}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"b":[["1.00","2.00"]],"a":[],"U":1,"u":2,"s":"BTCUSDT"}""")]
    public void Combined_wrapper_and_field_order_do_not_matter(string json)
    {
        var f = new ParserFixture();

        Assert.Equal(ParseResult.Events, f.Parse(json));

        var e = Assert.Single(f.Events);
        Assert.Equal((f.Btc, 100L, 200000L, 2L), (e.SymbolId, e.Price, e.Quantity, e.UpdateId));
    }

    [Fact]
    public void Spot_book_ticker_without_e_is_a_top_of_book()
    {
        var f = new ParserFixture();

        f.Parse("""{"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}""");

        var e = Assert.Single(f.Events);
        Assert.Equal(MarketEventKind.TopOfBook, e.Kind);
        Assert.Equal((6183763L, 378826L, 6183764L, 154698L), (e.Price, e.Quantity, e.AskPrice, e.AskQuantity));
        Assert.Equal(50093239212, e.UpdateId);
        Assert.Equal(0, e.ExchangeTimeNs);
    }

    [Fact]
    public void Futures_book_ticker_carries_event_time()
    {
        var f = new ParserFixture();

        f.Parse("""{"e":"bookTicker","u":600859600576,"s":"ETHUSDT","b":"7.61","B":"2","a":"7.62","A":"297","T":1626992741012,"E":1626992741017}""");

        var e = Assert.Single(f.Events);
        Assert.Equal((76100L, 2000L, 76200L, 297000L), (e.Price, e.Quantity, e.AskPrice, e.AskQuantity));
        Assert.Equal(1626992741017_000_000, e.ExchangeTimeNs);
    }

    [Fact]
    public void Trade_sets_aggressor_side_from_buyer_is_maker()
    {
        var f = new ParserFixture();

        f.Parse("""{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}""");

        var e = Assert.Single(f.Events);
        Assert.Equal(MarketEventKind.Trade, e.Kind);
        Assert.Equal((Side.Ask, 6183763L, 2000L, 3735683259L, 3735683259L), (e.Side, e.Price, e.Quantity, e.UpdateId, e.FirstUpdateId));
        Assert.True((e.Flags & MarketEventFlags.BuyerIsMaker) != 0);
    }

    [Fact]
    public void Agg_trade_uses_a_as_id_and_f_as_first_trade()
    {
        var f = new ParserFixture();

        f.Parse("""{"e":"aggTrade","E":10,"s":"ETHUSDT","a":26129,"p":"0.01","q":"100","f":100,"l":105,"T":9,"m":false,"M":true}""");

        var e = Assert.Single(f.Events);
        Assert.Equal((Side.Bid, 26129L, 100L), (e.Side, e.UpdateId, e.FirstUpdateId));
        Assert.Equal(0, (int)(e.Flags & MarketEventFlags.BuyerIsMaker));
    }

    [Fact]
    public void Rest_snapshot_takes_symbol_from_the_frame_and_flags_first_and_last()
    {
        var f = new ParserFixture();

        var result = f.Parse("""{"lastUpdateId":50093239218,"bids":[["61837.63000000","3.78826000"],["61837.62000000","0.61700000"]],"asks":[["61837.64000000","1.5"]]}""",
            symbolId: 0, origin: FrameOrigin.RestSnapshot);

        Assert.Equal(ParseResult.Events, result);
        var ev = f.Events;
        Assert.Equal(3, ev.Length);
        Assert.All(ev, e => Assert.Equal((MarketEventKind.SnapshotLevel, 50093239218L, f.Btc), (e.Kind, e.UpdateId, e.SymbolId)));
        Assert.Equal(MarketEventFlags.SnapshotStart, ev[0].Flags);
        Assert.Equal(MarketEventFlags.None, ev[1].Flags);
        Assert.Equal(MarketEventFlags.LastInMessage, ev[2].Flags);
    }

    [Fact]
    public void Coinm_rest_snapshot_names_its_symbol()
    {
        var f = new ParserFixture();

        f.Parse("""{"lastUpdateId":16,"E":1626916404580,"T":1626916404574,"symbol":"BTCUSD_PERP","pair":"BTCUSD","bids":[["427.9","169"]],"asks":[]}""");

        var e = Assert.Single(f.Events);
        Assert.Equal(f.Coin, e.SymbolId);
        Assert.Equal(MarketEventFlags.SnapshotStart | MarketEventFlags.LastInMessage, e.Flags);
        Assert.Equal(1626916404580_000_000, e.ExchangeTimeNs);
    }

    [Fact]
    public void Empty_snapshot_yields_one_event_that_clears_the_book()
    {
        var f = new ParserFixture();

        f.Parse("""{"lastUpdateId":5,"bids":[],"asks":[]}""", symbolId: 0);

        var e = Assert.Single(f.Events);
        Assert.Equal(MarketEventFlags.SnapshotStart | MarketEventFlags.LastInMessage | MarketEventFlags.EmptyMessage, e.Flags);
    }

    [Fact]
    public void Server_shutdown_becomes_a_status_event_for_every_symbol()
    {
        var f = new ParserFixture();

        var result = f.Parse("""{"e":"serverShutdown","E":1699999999999}""");

        Assert.Equal(ParseResult.ServerShutdown, result);
        var e = Assert.Single(f.Events);
        Assert.Equal((MarketEventKind.Status, -1, (long)FeedStatus.ServerShutdown), (e.Kind, e.SymbolId, e.UpdateId));
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""", ParseResult.ControlReply)]
    [InlineData("""{"id":2,"error":{"code":2,"msg":"Invalid request"}}""", ParseResult.ControlReply)]
    [InlineData("""{"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1,"o":"1.0"}}}""", ParseResult.Ignored)]
    public void Control_replies_and_unused_events_produce_nothing_and_are_counted(string json, ParseResult expected)
    {
        var f = new ParserFixture();

        var result = f.Parse(json);

        Assert.Equal(expected, result);
        Assert.Empty(f.Events);
        Assert.Equal(1, f.Parser.Counters[expected]);
    }

    [Fact]
    public void A_usdm_mark_price_update_becomes_one_mark_price_event_rounded_to_the_tick_grid()
    {
        var f = new ParserFixture();

        // ETHUSDT is registered with 4 price decimals: 1794.15126789 rounds to 1794.1513, the index 1793.99995 (half) to 1794.0000.
        var result = f.Parse("""{"stream":"ethusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"ETHUSDT","p":"1794.15126789","i":"1793.99995000","P":"1794.00000000","r":"-0.00038167","T":1562306400000}}""", localNs: 55);

        Assert.Equal(ParseResult.Events, result);
        var e = Assert.Single(f.Events);
        Assert.Equal((MarketEventKind.MarkPrice, f.Eth, 17941513L, 17940000L), (e.Kind, e.SymbolId, e.Price, e.Quantity));
        Assert.Equal((-38167L, 1562306400000_000_000L), (e.FundingRateE8, e.NextFundingTimeNs));
        Assert.Equal((1562305380000_000_000L, 55L), (e.ExchangeTimeNs, e.LocalTimeNs));
        Assert.True(e.IsLastInMessage);
        Assert.Equal(1, f.Parser.Counters[ParseResult.Events]);
    }

    [Theory]
    [InlineData("""{"e":"markPriceUpdate","E":1,"s":"ETHUSDT","p":"abc"}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"markPriceUpdate","E":1,"s":"ETHUSDT","p":"0.00000000"}""", ParseResult.BadNumber)]
    [InlineData("""{"e":"markPriceUpdate","E":1,"s":"XYZUSDT","p":"1.00000000"}""", ParseResult.UnknownSymbol)]
    public void A_bad_mark_price_update_is_rejected_with_a_reason(string json, ParseResult expected)
    {
        var f = new ParserFixture();

        Assert.Equal(expected, f.Parse(json));
        Assert.Empty(f.Events);
        Assert.Equal(1, f.Parser.Counters[expected]);
    }

    [Fact]
    public void Microsecond_time_unit_is_converted_to_ns()
    {
        var f = new ParserFixture(new BinanceParserOptions { TimeUnit = BinanceTimeUnit.Microseconds });

        f.Parse("""{"e":"trade","E":1723161255343123,"s":"BTCUSDT","t":1,"p":"1.00","q":"1.00","T":1,"m":false}""");

        Assert.Equal(1723161255343123_000, Assert.Single(f.Events).ExchangeTimeNs);
    }

    [Fact]
    public void Unknown_symbol_is_rejected_unless_auto_registration_is_on()
    {
        var strict = new ParserFixture();
        var lenient = new ParserFixture(new BinanceParserOptions { AutoRegisterVenue = "binance-spot" });
        const string json = """{"e":"trade","E":1,"s":"NKNUSDT","t":1,"p":"0.35210000","q":"672.00000000","T":1,"m":false}""";

        Assert.Equal(ParseResult.UnknownSymbol, strict.Parse(json));
        Assert.Equal(ParseResult.Events, lenient.Parse(json));

        Assert.True(lenient.Registry.TryGet("NKNUSDT", out var info));
        Assert.Equal(8, info!.PriceDecimals);
        Assert.Equal(35210000, lenient.Events[0].Price);
    }

    [Fact]
    public void Known_symbol_is_auto_registered_with_its_exchange_scales()
    {
        var lenient = new ParserFixture(new BinanceParserOptions { AutoRegisterVenue = "binance-spot" });
        const string json = """{"e":"trade","E":1,"s":"SOLUSDT","t":1,"p":"142.37000000","q":"0.00150000","T":1,"m":false}""";

        Assert.Equal(ParseResult.Events, lenient.Parse(json));

        Assert.True(lenient.Registry.TryGet("SOLUSDT", out var info));
        Assert.Equal((2, 8), (info!.PriceDecimals, info.QuantityDecimals));
        Assert.Equal(14237, lenient.Events[0].Price);
        Assert.Equal(150_000, lenient.Events[0].Quantity);
    }
}
