using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

public sealed class TradingDeskTests
{
    private const long T0 = 1_000_000_000_000;

    private static TradingDesk Desk(RiskOptions? risk = null)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        return new TradingDesk(symbols, new TradingDeskOptions { InitialEquity = 1000, Risk = risk ?? new RiskOptions() });
    }

    private static Signal Want(SignalDirection d, long t) => new() { SymbolId = 0, Direction = d, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };

    [Fact]
    public void Round_trip_through_risk_and_the_paper_venue_books_price_move_and_fees()
    {
        var desk = Desk();
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        void Event(long t) { var e = Level(t, Side.Bid, 999_800, 1); book.ApplyEvent(in e); desk.OnMarketEvent(in e, book); }

        Event(T0);
        Assert.Equal(RiskVerdict.Accept, desk.OnSignal(Want(SignalDirection.Long, T0), true, 0, T0));
        Event(T0 + 5 * Ms);                                   // past the 1 ms entry latency: filled here...
        Assert.Equal(0L, desk.Ledger.Position(0).PositionLots);
        Event(T0 + 10 * Ms);                                  // ...and we hear of it 1 ms later
        Assert.Equal(500L, desk.Ledger.Position(0).PositionLots);   // 5 % of 1000 USDT at 10000.00

        Assert.Equal(RiskVerdict.Accept, desk.OnSignal(Want(SignalDirection.Flat, T0 + 10 * Ms), true, 0, T0 + 10 * Ms));
        Event(T0 + 15 * Ms);
        desk.Finish();

        // 500 x (999_900 - 1_000_000) = -50_000; fees 0.1 % of 5e8 and of 4.9995e8 (rounded up) = 500_000 + 499_950
        Assert.Equal((0L, -50_000L, 999_950L), (desk.Ledger.Position(0).PositionLots, desk.Ledger.RealizedPnl, desk.Ledger.Fees));
        Assert.Equal(10_000_000_000 - 50_000 - 999_950, desk.Ledger.Equity);
        Assert.Equal(0, desk.Orders.OpenCount);
    }

    [Fact]
    public void Fails_closed_until_the_symbol_has_a_synced_book()
    {
        var desk = Desk();
        Assert.Equal(RiskVerdict.BookNotSynced, desk.OnSignal(Want(SignalDirection.Long, T0), true, 0, T0));
        var e = Level(T0, Side.Bid, 999_800, 1);
        desk.OnMarketEvent(in e, null);
        Assert.Equal(RiskVerdict.BookNotSynced, desk.OnSignal(Want(SignalDirection.Long, T0), true, 0, T0));
        Assert.Equal(2, desk.Risk.Counters[RiskVerdict.BookNotSynced]);
    }

    [Fact]
    public void A_mark_past_the_drawdown_limit_flattens_without_waiting_for_a_signal()
    {
        var desk = Desk(new RiskOptions { MaxDrawdownFraction = 0.05 });
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        void Feed(MarketEvent e) { book.ApplyEvent(in e); desk.OnMarketEvent(in e, book); }

        Feed(Level(T0, Side.Bid, 999_800, 1));
        desk.OnSignal(Want(SignalDirection.Long, T0), true, 0, T0);
        Feed(Level(T0 + 5 * Ms, Side.Bid, 999_800, 2));
        Feed(Level(T0 + 10 * Ms, Side.Bid, 999_800, 3));
        Assert.Equal(500L, desk.Ledger.Position(0).PositionLots);

        // Drawdown = fees 500_000 + 500 lots x (1_000_000 - bid).
        Feed(Level(T0 + 11 * Ms, Side.Bid, 999_900, 0, last: false));
        Feed(Level(T0 + 11 * Ms, Side.Bid, 999_800, 0, last: false));
        Feed(Level(T0 + 11 * Ms, Side.Bid, 100_000, 1_000_000));     // 4.505e8 of 1e10: 4.5 %, not yet
        Assert.Equal(0, desk.Flattens);
        Feed(Level(T0 + 12 * Ms, Side.Bid, 100_000, 0, last: false));
        Feed(Level(T0 + 12 * Ms, Side.Bid, 1, 1_000_000));            // 5.005e8: over 5 %, trips and flattens
        Assert.Equal((1L, true), (desk.Flattens, desk.Risk.IsHalted));

        Feed(Level(T0 + 15 * Ms, Side.Bid, 1, 1_000_001));           // the market sell arrives and fills...
        Feed(Level(T0 + 20 * Ms, Side.Bid, 1, 1_000_002));           // ...and is reported
        Assert.Equal(0L, desk.Ledger.Position(0).PositionLots);
        Assert.Equal(1L, desk.Flattens);                              // nothing left: no further rounds
        Assert.Equal(RiskVerdict.KillSwitchHalted, desk.OnSignal(Want(SignalDirection.Long, T0 + 20 * Ms), true, 0, T0 + 20 * Ms));
    }
}
