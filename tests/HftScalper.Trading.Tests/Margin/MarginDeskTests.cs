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

// The desk on a USD-M BTCUSDT (2 price, 5 quantity decimals) quoted 9999.00 / 10000.00 through a real paper exchange,
// equity 1000 USDT, 50x cross, entries forced to 2 BTC (20000 USDT notional).
public sealed class MarginDeskTests
{
    private const long T0 = 1_000_000_000_000;

    private static TradingDesk Desk(NativeOrderBook book, string venue)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", venue, 2, 5);
        var options = new TradingDeskOptions
        {
            InitialEquity = 1000,
            Risk = new RiskOptions
            {
                MinPositionLots = 200_000, MaxSizeLots = 200_000, MaxSymbolNotionalFraction = 125, MaxTotalNotionalFraction = 125,
                MaxDrawdownFraction = 0.99, DailyLossFraction = 0.99,
            },
            Futures = new FuturesOptions { Leverage = 50 },
        };
        return new TradingDesk(symbols, options, new HandBookVenue(book));
    }

    private static RiskVerdict Decide(TradingDesk desk, SignalDirection d, long t, long bid = 999_900, long ask = 1_000_000)
    {
        var signal = new Signal { SymbolId = 0, Direction = d, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };
        var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = bid, AskTicks = ask, LastEventTimeNs = t };
        return desk.Decide(in signal, in view, t, out _);
    }

    [Fact]
    public void A_short_opens_on_usdm_through_the_paper_exchange_and_is_refused_on_spot()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var usdm = Desk(book, "binance-usdm");
        usdm.OnMarketEvent(Level(T0, Side.Ask, 1_000_100, 1));
        Assert.Equal(RiskVerdict.Accept, Decide(usdm, SignalDirection.Short, T0));
        usdm.OnMarketEvent(Level(T0 + 5_000_000, Side.Ask, 1_000_100, 2));
        usdm.OnMarketEvent(Level(T0 + 10_000_000, Side.Ask, 1_000_100, 3));
        Assert.Equal(-200_000L, usdm.Ledger.Position(0).PositionLots);
        Assert.NotNull(usdm.Margin);

        using var spotBook = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var spot = Desk(spotBook, "binance-spot");
        Assert.Null(spot.Margin);
        Assert.Equal(RiskVerdict.ShortOnSpot, Decide(spot, SignalDirection.Short, T0));
    }

    [Fact]
    public void A_position_whose_liquidation_price_nears_the_mark_is_closed_at_the_next_decision()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var desk = Desk(book, "binance-usdm");
        desk.OnMarketEvent(Level(T0, Side.Bid, 999_800, 1));
        Assert.Equal(RiskVerdict.Accept, Decide(desk, SignalDirection.Long, T0));
        desk.OnMarketEvent(Level(T0 + 5_000_000, Side.Bid, 999_800, 2));
        desk.OnMarketEvent(Level(T0 + 10_000_000, Side.Bid, 999_800, 3));
        Assert.Equal(200_000L, desk.Ledger.Position(0).PositionLots);

        // Wallet 1000 - 20 USDT taker fee: LP = (20000 - 980) / (2 x 0.996) = 9548.20. At a mark of 9800.00 it is
        // 257 bps away: kept. At 9559.50 it is 11.7 bps away (under 50): closed by a reduce-only market sell.
        Decide(desk, SignalDirection.Long, T0 + 11_000_000, bid: 979_950, ask: 980_050);
        Assert.Equal((0L, 0L), (desk.Margin!.LiquidationReduces, desk.Orders.OpenSellLots(0)));
        Decide(desk, SignalDirection.Long, T0 + 12_000_000, bid: 955_900, ask: 956_000);
        Assert.Equal((1L, 200_000L), (desk.Margin.LiquidationReduces, desk.Orders.OpenSellLots(0)));
        Assert.InRange(desk.Margin.MinLiquidationDistanceCentiBps, 1_100, 1_200);
        Assert.False(desk.Risk.IsHalted); // a reduce, not the kill switch
    }
}
