using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

public sealed class TradingDeskTests
{
    private const long T0 = 1_000_000_000_000;

    private static SymbolRegistry Btc()
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        return symbols;
    }

    private static TradingDeskOptions Options(RiskOptions? risk = null) => new() { InitialEquity = 1000, Risk = risk ?? new RiskOptions() };

    private static TradingDesk Desk(NativeOrderBook book, RiskOptions? risk = null) => new(Btc(), Options(risk), new HandBookVenue(book));

    private static Signal Want(SignalDirection d, long t) => new() { SymbolId = 0, Direction = d, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };

    // What the pipeline's decision record carries: the synced book's touch at the decision's event.
    private static RiskMarketView View(NativeOrderBook book, long t)
    {
        Assert.True(book.TryGetTop(out var top));
        return new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = top.BidPrice, AskTicks = top.AskPrice, LastEventTimeNs = t };
    }

    private static RiskVerdict Decide(TradingDesk desk, NativeOrderBook book, SignalDirection d, long t)
    {
        var view = View(book, t);
        return desk.Decide(Want(d, t), in view, t, out _);
    }

    [Fact]
    public void Round_trip_through_risk_and_the_paper_venue_books_price_move_and_fees()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var desk = Desk(book);
        void Event(long t) { var e = Level(t, Side.Bid, 999_800, 1); desk.OnMarketEvent(in e); }

        Event(T0);
        Assert.Equal(RiskVerdict.Accept, Decide(desk, book, SignalDirection.Long, T0));
        Event(T0 + 5 * Ms);                                   // past the 1 ms entry latency: filled here...
        Assert.Equal(0L, desk.Ledger.Position(0).PositionLots);
        Event(T0 + 10 * Ms);                                  // ...and we hear of it 1 ms later
        Assert.Equal(500L, desk.Ledger.Position(0).PositionLots);   // 5 % of 1000 USDT at 10000.00

        Assert.Equal(RiskVerdict.Accept, Decide(desk, book, SignalDirection.Flat, T0 + 10 * Ms));
        Event(T0 + 15 * Ms);
        desk.Finish();

        // 500 x (999_900 - 1_000_000) = -50_000; fees 0.1 % of 5e8 and of 4.9995e8 (rounded up) = 500_000 + 499_950
        Assert.Equal((0L, -50_000L, 999_950L), (desk.Ledger.Position(0).PositionLots, desk.Ledger.RealizedPnl, desk.Ledger.Fees));
        Assert.Equal(10_000_000_000 - 50_000 - 999_950, desk.Ledger.Equity);
        Assert.Equal((0, 2L), (desk.Orders.OpenCount, desk.OrdersSent));
        Assert.Equal(1000 - 0.0050000 - 0.0999950, desk.Equity, 9);
    }

    [Fact]
    public void Fails_closed_while_the_decision_sees_no_synced_book()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var desk = Desk(book);
        var unsynced = new RiskMarketView { ModelHealthy = true, LastEventTimeNs = T0 };

        Assert.Equal(RiskVerdict.BookNotSynced, desk.Decide(Want(SignalDirection.Long, T0), in unsynced, T0, out var order));
        Assert.Equal(default, order);
        Assert.Equal((0L, 0, 1L), (desk.OrdersSent, desk.Orders.OpenCount, desk.Risk.Counters[RiskVerdict.BookNotSynced]));
    }

    [Fact]
    public void A_mark_past_the_drawdown_limit_flattens_without_waiting_for_a_signal()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var desk = Desk(book, new RiskOptions { MaxDrawdownFraction = 0.05 });
        void Feed(MarketEvent e) => desk.OnMarketEvent(in e);

        Feed(Level(T0, Side.Bid, 999_800, 1));
        Decide(desk, book, SignalDirection.Long, T0);
        Feed(Level(T0 + 5 * Ms, Side.Bid, 999_800, 2));
        Feed(Level(T0 + 10 * Ms, Side.Bid, 999_800, 3));
        Assert.Equal(500L, desk.Ledger.Position(0).PositionLots);

        // Drawdown = fees 500_000 + 500 lots x (1_000_000 - bid).
        Feed(Level(T0 + 11 * Ms, Side.Bid, 999_900, 0, last: false));
        Feed(Level(T0 + 11 * Ms, Side.Bid, 999_800, 0, last: false));
        Feed(Level(T0 + 11 * Ms, Side.Bid, 100_000, 1_000_000));
        desk.Mark(0, 100_000, 1_000_000, T0 + 11 * Ms);              // 4.505e8 of 1e10: 4.5 %, not yet
        Assert.Equal((0L, 0L), (desk.Flattens, desk.KillSwitchTrips));
        Feed(Level(T0 + 12 * Ms, Side.Bid, 100_000, 0, last: false));
        Feed(Level(T0 + 12 * Ms, Side.Bid, 1, 1_000_000));
        desk.Mark(0, 1, 1_000_000, T0 + 12 * Ms);                    // 5.005e8: over 5 %, trips and flattens
        Assert.Equal((1L, 1L, true), (desk.Flattens, desk.KillSwitchTrips, desk.Risk.IsHalted));

        Feed(Level(T0 + 15 * Ms, Side.Bid, 1, 1_000_001));           // the market sell arrives and fills...
        Feed(Level(T0 + 20 * Ms, Side.Bid, 1, 1_000_002));           // ...and is reported
        Assert.Equal(0L, desk.Ledger.Position(0).PositionLots);
        desk.Mark(0, 1, 1_000_000, T0 + 20 * Ms);
        Assert.Equal((1L, 2L), (desk.Flattens, desk.OrdersSent));    // nothing left: no further rounds
        Assert.Equal(RiskVerdict.KillSwitchHalted, Decide(desk, book, SignalDirection.Long, T0 + 20 * Ms));
    }

    [Fact]
    public void The_desk_sends_to_whatever_gateway_its_factory_supplies()
    {
        // A gateway that is not simulated (as a live venue client): market events are not its business, orders are.
        var factory = new PlainPaperExchange();
        using var desk = new TradingDesk(Btc(), Options(), factory);
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var e = Level(T0, Side.Bid, 999_800, 1);
        desk.OnMarketEvent(in e);

        Assert.Equal(RiskVerdict.Accept, Decide(desk, book, SignalDirection.Long, T0));
        Assert.Same(factory.Exchange, desk.Gateway);
        Assert.Equal((1, 0L), (factory.Exchange!.InFlightRequests, factory.Exchange.NowNs)); // sent, never fed an event
    }

    [Fact]
    public void A_gateway_that_checks_the_price_band_gets_the_mid_of_each_decision_and_mark_before_the_order()
    {
        var factory = new BandCheckingGateway();
        using var desk = new TradingDesk(Btc(), Options(), factory);
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_001, 1_000_000));

        Assert.Equal(RiskVerdict.Accept, Decide(desk, book, SignalDirection.Long, T0));
        Assert.Equal(999_950, factory.ReferenceAtSubmit); // (999_900 + 1_000_001) / 2, rounded down to a tick
        desk.Mark(0, 1_000_100, 1_000_300, T0 + Ms);
        Assert.Equal(1_000_200, factory.Reference);
    }

    // A live venue as the desk sees it: orders, and the band's reference price (no market events).
    private sealed class BandCheckingGateway : IExecutionGatewayFactory, IExecutionGateway, IReferencePriceSink
    {
        public long Reference { get; private set; }

        public long ReferenceAtSubmit { get; private set; }

        public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports) => this;

        public void SetReferencePrice(int symbolId, long priceTicks) => Reference = priceTicks;

        public bool Submit(in OrderRequest request)
        {
            ReferenceAtSubmit = Reference;
            return true;
        }

        public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => true;

        public bool Replace(ClientOrderId original, in OrderRequest replacement) => true;
    }

    private sealed class PlainPaperExchange : IExecutionGatewayFactory
    {
        public PaperExchange? Exchange { get; private set; }

        public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports) => Exchange = new PaperExchange(reports);
    }
}
