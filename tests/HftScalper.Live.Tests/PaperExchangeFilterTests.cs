using HftScalper.Binance.Limits;
using HftScalper.Binance.Live;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.Native;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The paper exchange with the venue's filters (<see cref="ExchangeOrderFilter"/> over the exchangeInfo the fake exchange
/// on 127.0.0.1 serves: Binance's DOGEUSDT filters, maxQty 5,000, PERCENT_PRICE_BY_SIDE 0.2-5 x): an order Binance would
/// reject with -1013 (beyond maxQty, outside the band) is rejected on arrival, counted, and never filled.
/// </summary>
public sealed class PaperExchangeFilterTests
{
    private const long Lots = 100_000; // DOGEUSDT at exchangeInfo's scales: 5 price and 5 quantity decimals (1 DOGE = 10^5)

    private static async Task<(SymbolRegistry Symbols, ExchangeOrderFilter Filter)> DogeFromFakeAsync(string venue = "binance-spot")
    {
        var spec = FakeSymbolSpec.Of(new FakeExchangeOptions(), "DOGEUSDT") with { MaxQty = 5000m };
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            Symbols = ["DOGEUSDT"], SymbolSpecs = new Dictionary<string, FakeSymbolSpec> { ["DOGEUSDT"] = spec },
        });
        using var rest = new BinanceRestClient(new BinanceRestOptions(fake.BaseUri, BinanceMarket.Spot), null, new ServerTimeSync(), new RateLimitTracker([]));
        var info = (await rest.GetExchangeInfoAsync(CancellationToken.None, ["DOGEUSDT"])).Value!;
        var symbols = new SymbolRegistry();
        var doge = ExchangeScales.TryRegister(symbols, info.Symbols["DOGEUSDT"], venue, maxAmountDecimals: 10)!;
        Assert.Equal((5, 5, 5000 * Lots), (doge.PriceDecimals, doge.QuantityDecimals, doge.MaxQuantity));
        return (symbols, new ExchangeOrderFilter(symbols, info.Symbols));
    }

    private static OrderRequest Order(long id, OrderSide side, OrderType type, long price, long qty) => new()
    {
        ClientOrderId = new ClientOrderId(id), Side = side, Type = type, PriceTicks = price, QuantityLots = qty,
    };

    // Bid 0.15999, ask 0.16001 (mid 0.16): deep enough for any order here.
    private static void Arrive(PaperExchange px, NativeOrderBook book, long timeNs)
    {
        var tick = new MarketEvent { ExchangeTimeNs = timeNs, LocalTimeNs = timeNs, Kind = MarketEventKind.Clock };
        px.OnMarketEvent(in tick, book);
    }

    private static NativeOrderBook Book()
    {
        var book = new NativeOrderBook(64);
        Assert.True(book.TrySet(Side.Bid, 15_999, 1_000_000 * Lots));
        Assert.True(book.TrySet(Side.Ask, 16_001, 1_000_000 * Lots));
        return book;
    }

    [Fact]
    public async Task Orders_beyond_maxQty_or_outside_the_percent_price_band_are_rejected_as_filter_failures_and_never_filled()
    {
        var (symbols, filter) = await DogeFromFakeAsync("binance-usdm"); // margined: a sell needs no inventory
        var sink = new RecordingSink();
        var px = new PaperExchange(sink, new PaperExchangeOptions
        {
            EntryLatency = LatencyModel.Constant(0), ResponseLatency = LatencyModel.Constant(0), Filters = filter,
        }, symbols);
        using var book = Book();

        px.Submit(Order(1, OrderSide.Buy, OrderType.Limit, 15_999, 5000 * Lots));     // at maxQty: rests
        px.Submit(Order(2, OrderSide.Buy, OrderType.Limit, 15_999, 5001 * Lots));     // LOT_SIZE maxQty
        px.Submit(Order(3, OrderSide.Buy, OrderType.Ioc, 16_001, 6000 * Lots));       // would take 6,000: never filled
        px.Submit(Order(4, OrderSide.Buy, OrderType.Market, 0, 5001 * Lots));         // MARKET_LOT_SIZE maxQty
        px.Submit(Order(5, OrderSide.Buy, OrderType.Limit, 3_199, 100 * Lots));       // below 0.2 x mid (0.032)
        px.Submit(Order(6, OrderSide.Sell, OrderType.Limit, 80_001, 100 * Lots));     // above 5 x mid (0.8)
        px.Submit(Order(7, OrderSide.Sell, OrderType.Limit, 80_000, 100 * Lots));     // at 5 x mid: rests
        Arrive(px, book, 1_000_000);

        Assert.Equal(ExecutionReportKind.Ack, Assert.Single(sink.Of(new ClientOrderId(1))).Kind);
        Assert.Equal(ExecutionReportKind.Ack, Assert.Single(sink.Of(new ClientOrderId(7))).Kind);
        foreach (long id in new long[] { 2, 3, 4, 5, 6 })
        {
            var r = Assert.Single(sink.Of(new ClientOrderId(id)));
            Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.FilterFailure), (r.Kind, r.Reason));
        }
        Assert.Equal(5, px.FilterRejects);
        Assert.DoesNotContain(sink.Reports, r => r.IsFill);
        Assert.Equal(0, px.Inventory(0));
        Assert.Equal(2, px.RestingOrders);
    }

    [Fact]
    public async Task Without_filters_as_in_replay_the_same_order_fills_and_a_symbol_exchangeInfo_does_not_list_is_refused()
    {
        var (symbols, filter) = await DogeFromFakeAsync("binance-usdm");
        var sink = new RecordingSink();
        var replay = new PaperExchange(sink, new PaperExchangeOptions { EntryLatency = LatencyModel.Constant(0), ResponseLatency = LatencyModel.Constant(0) }, symbols);
        using var book = Book();

        replay.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 16_001, 6000 * Lots));
        Arrive(replay, book, 1_000_000);

        Assert.Contains(sink.Of(new ClientOrderId(1)), r => r.IsFill); // no exchangeInfo, nothing checked: the replay digests stand
        Assert.Equal(0, replay.FilterRejects);
        symbols.Register("XRPUSDT", "binance-usdm", 4, 6); // registered after the filter was made, and not listed
        var xrp = Order(2, OrderSide.Buy, OrderType.Limit, 21_000, 1_000_000) with { SymbolId = 1 };
        Assert.Equal(ExecutionReason.InvalidOrder, filter.Check(in xrp, 21_000));
    }
}
