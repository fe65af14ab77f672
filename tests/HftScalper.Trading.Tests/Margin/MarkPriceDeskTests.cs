using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Margin;

// Mark-price events reach the margin account through the desk: the liquidation check reads the exchange's mark when a
// fresh one was given and the mid otherwise. USD-M BTCUSDT (2 price, 5 quantity decimals) quoted 9999.00 / 10000.00
// through a real paper exchange, equity 1000 USDT, 50x cross, a long of 2 BTC bought at 10000.00 (20 USDT taker fee):
// liquidation price LP = (20000 - 980) / (2 x 0.996) = 9548.20.
public sealed class MarkPriceDeskTests
{
    private const long T0 = 1_000_000_000_000;
    private const long Ms = 1_000_000;

    private static (TradingDesk Desk, NativeOrderBook Book) LongTwoBtc()
    {
        var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-usdm", 2, 5);
        var desk = new TradingDesk(symbols, new TradingDeskOptions
        {
            InitialEquity = 1000,
            Risk = new RiskOptions
            {
                MinPositionLots = 200_000, MaxSizeLots = 200_000, MaxSymbolNotionalFraction = 125, MaxTotalNotionalFraction = 125,
                MaxDrawdownFraction = 0.99, DailyLossFraction = 0.99,
            },
            Futures = new FuturesOptions { Leverage = 50 },
        }, new HandBookVenue(book));
        desk.OnMarketEvent(Level(T0, Side.Bid, 999_800, 1));
        Assert.Equal(RiskVerdict.Accept, Decide(desk, T0));
        desk.OnMarketEvent(Level(T0 + 5 * Ms, Side.Bid, 999_800, 2));
        desk.OnMarketEvent(Level(T0 + 10 * Ms, Side.Bid, 999_800, 3));
        Assert.Equal(200_000L, desk.Ledger.Position(0).PositionLots);
        return (desk, book);
    }

    private static RiskVerdict Decide(TradingDesk desk, long t, long bid = 999_900, long ask = 1_000_000)
    {
        var signal = new Signal { SymbolId = 0, Direction = SignalDirection.Long, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };
        var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = bid, AskTicks = ask, LastEventTimeNs = t };
        return desk.Decide(in signal, in view, t, out _);
    }

    private static MarketEvent Mark(long t, long markTicks) => new()
    {
        Kind = MarketEventKind.MarkPrice, SymbolId = 0, ExchangeTimeNs = t, Price = markTicks, Flags = MarketEventFlags.LastInMessage,
    };

    [Fact]
    public void A_mark_price_near_the_liquidation_price_closes_a_long_the_mid_would_keep()
    {
        var (desk, book) = LongTwoBtc();
        using var _ = book;

        // The book's mid is 9800.00 (257 bps from LP: kept), the exchange's mark 9559.50: (9559.50 - 9548.20) / 9559.50
        // = 11.8 bps, under the 50 bps reduce distance: closed by a reduce-only market sell.
        desk.OnMarketEvent(Mark(T0 + 11 * Ms, 955_950));
        Decide(desk, T0 + 12 * Ms, bid: 979_950, ask: 980_050);

        var margin = desk.Margin!;
        Assert.Equal((955_950L, "markPrice", 1L), (margin.MarkTicks(0), margin.MarkSource, margin.MarkPrices));
        Assert.Equal((1L, 200_000L), (margin.LiquidationReduces, desk.Orders.OpenSellLots(0)));
        Assert.InRange(margin.MinLiquidationDistanceCentiBps, 1_150, 1_200);
    }

    [Fact]
    public void A_mark_price_older_than_its_limit_gives_way_to_the_mid_until_the_next_one()
    {
        var (desk, book) = LongTwoBtc();
        using var _ = book;
        desk.OnMarketEvent(Mark(T0 + 11 * Ms, 955_950));

        // 5 s later (the default limit) the mark still holds; past it, the mid 9800.00 marks: 257 bps, kept.
        Decide(desk, T0 + 11 * Ms + 6_000 * Ms, bid: 979_950, ask: 980_050);
        var margin = desk.Margin!;
        Assert.Equal((980_000L, 1L, 0L), (margin.MarkTicks(0), margin.StaleMarkFallbacks, margin.LiquidationReduces));

        // A fresh mark price marks again.
        desk.OnMarketEvent(Mark(T0 + 7_000 * Ms, 955_950));
        Decide(desk, T0 + 7_001 * Ms, bid: 979_950, ask: 980_050);
        Assert.Equal((955_950L, 1L), (margin.MarkTicks(0), margin.LiquidationReduces));
    }

    [Fact]
    public void A_mark_price_event_does_not_reach_the_paper_venue_or_move_the_book()
    {
        var (desk, book) = LongTwoBtc();
        using var _ = book;
        long fills = desk.Executions.Fills;

        desk.OnMarketEvent(Mark(T0 + 11 * Ms, 1));

        Assert.Equal(fills, desk.Executions.Fills);
        Assert.True(book.TryGetTop(out var top));
        Assert.Equal((999_900L, 1_000_000L), (top.BidPrice, top.AskPrice));
    }
}
