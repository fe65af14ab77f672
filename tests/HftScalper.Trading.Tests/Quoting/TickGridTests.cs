using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Quoting;

// A symbol whose exchange tick is 4 price units (0.04 at 2 decimals) and whose lot is 100 quantity units, through the
// real desk and a real PaperExchange that knows the symbols (so it refuses what is off the grid): every price the desk
// computes (a maker quote, a reprice, a take-profit, an IOC limit with its slippage allowance) and every size lands on
// the grid, rounded toward the passive side (never crossing, never beyond the allowance) and down to the lot.
public sealed class TickGridTests
{
    private const long T0 = 1_000_000_000_000;
    private const long TickUnits = 4, Lot = 100;
    private const long Bid = 999_900, Ask = 1_000_000; // both on the grid

    private sealed class Rig : IDisposable
    {
        public readonly NativeOrderBook Book;
        public readonly TradingDesk Desk;
        private readonly HandBookVenue _venue;

        public Rig(QuoteOptions quotes, RiskOptions? risk = null, long bid = Bid, long askLots = 1_000_000)
        {
            Book = Book((Side.Bid, bid, 1_000_000), (Side.Ask, Ask, askLots));
            var symbols = new SymbolRegistry();
            symbols.Register("BTCUSDT", "binance-spot", 2, 5, tickSize: TickUnits, lotSize: Lot);
            var options = new TradingDeskOptions
            {
                InitialEquity = 1000, Quotes = quotes,
                Risk = risk ?? new RiskOptions { EntryOrderType = OrderType.PostOnly },
            };
            _venue = new HandBookVenue(Book, withSymbols: true);
            Desk = new TradingDesk(symbols, options, _venue);
        }

        public PaperExchange Exchange => _venue.Exchange!;

        public void Feed(MarketEvent e) => Desk.OnMarketEvent(in e);

        public void Tick(long t) => Feed(Level(t, Side.Bid, 999_000, 1 + t % 1000));

        public RiskVerdict Decide(SignalDirection d, long t, out OrderRequest order)
        {
            Assert.True(Book.TryGetTop(out var top));
            var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = top.BidPrice, AskTicks = top.AskPrice, LastEventTimeNs = t };
            var signal = new Signal { SymbolId = 0, Direction = d, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };
            return Desk.Decide(in signal, in view, t, out order);
        }

        // A post-only buy rests at the bid, then a sell trades through it.
        public void LongAtTheBid()
        {
            Tick(T0);
            Assert.Equal(RiskVerdict.Accept, Decide(SignalDirection.Long, T0, out _));
            Tick(T0 + 5 * Ms);
            Tick(T0 + 10 * Ms);
            Feed(Trade(T0 + 20 * Ms, Bid - 100, 1_000_000, Side.Ask));
            Tick(T0 + 25 * Ms);
            Assert.True(Desk.Ledger.Position(0).PositionLots > 0);
            Tick(T0 + 30 * Ms);
            Tick(T0 + 35 * Ms);
        }

        public TrackedOrder Only()
        {
            Span<ClientOrderId> ids = stackalloc ClientOrderId[8];
            Assert.Equal(1, Desk.Orders.CopyOpenOrders(0, ids));
            Assert.True(Desk.Orders.TryGet(ids[0], out var o));
            return o;
        }

        public void Dispose()
        {
            Desk.Dispose();
            Book.Dispose();
        }
    }

    private static readonly QuoteOptions Keep = new() { FillHorizonFactor = 0 };

    [Fact]
    public void A_take_profit_of_one_tick_is_one_exchange_tick_not_one_price_unit()
    {
        using var rig = new Rig(Keep with { TakeProfitTicks = 1 });
        rig.LongAtTheBid();

        var tp = rig.Only();
        Assert.Equal((OrderSide.Sell, OrderType.PostOnly, Bid + TickUnits), (tp.Request.Side, tp.Request.Type, tp.Request.PriceTicks));
        Assert.Equal(OrderStatus.New, tp.Status);            // the venue took it: on the grid
        Assert.Equal(0L, rig.Exchange.OffGridRejects);
    }

    [Fact]
    public void A_take_profit_in_basis_points_rounds_up_to_whole_exchange_ticks()
    {
        using var rig = new Rig(Keep with { TakeProfitBps = 0.5 });    // 0.5 bp of 9999.00 = 49.995 units -> 13 ticks of 4
        rig.LongAtTheBid();

        Assert.Equal(Bid + 52, rig.Only().Request.PriceTicks);
    }

    [Fact]
    public void A_maker_entry_on_a_touch_finer_than_the_tick_joins_the_grid_below_it()
    {
        using var rig = new Rig(Keep, bid: Bid + 2);                  // a feed finer than the exchange's tick

        rig.Tick(T0);
        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0, out var order));

        Assert.Equal((OrderType.PostOnly, Bid), (order.Type, order.PriceTicks));
    }

    [Fact]
    public void A_reprice_to_a_touch_finer_than_the_tick_lands_on_the_grid_and_never_repeats()
    {
        using var rig = new Rig(Keep);
        rig.Tick(T0);
        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0, out _));
        rig.Tick(T0 + 5 * Ms);
        rig.Tick(T0 + 10 * Ms);

        rig.Feed(Level(T0 + 150 * Ms, Side.Bid, Bid + 6, 3));         // the bid moved away to an off-grid price
        rig.Tick(T0 + 155 * Ms);
        rig.Tick(T0 + 160 * Ms);
        rig.Tick(T0 + 400 * Ms);                                      // rested again: the grid price is as near as it gets

        Assert.Equal((1L, Bid + TickUnits, OrderStatus.New), (rig.Desk.Quotes.Replaces, rig.Only().Request.PriceTicks, rig.Only().Status));
        Assert.Equal(0L, rig.Exchange.OffGridRejects);
    }

    [Theory]
    [InlineData(1, Ask + TickUnits)]                                       // the allowance is in exchange ticks
    [InlineData(2, Ask + 2 * TickUnits)]
    public void An_ioc_limit_with_a_slippage_allowance_is_whole_ticks_beyond_the_touch(long slippageTicks, long expected)
    {
        using var rig = new Rig(Keep, new RiskOptions { EntryOrderType = OrderType.Ioc, SlippageTicks = slippageTicks });
        rig.Tick(T0);

        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0, out var order));

        Assert.Equal((OrderType.Ioc, expected), (order.Type, order.PriceTicks));
        rig.Tick(T0 + 5 * Ms);                                        // arrives (1 ms entry latency)
        rig.Tick(T0 + 10 * Ms);                                       // reported (1 ms response latency)
        Assert.Equal((0L, 1L), (rig.Exchange.OffGridRejects, rig.Desk.Executions.TakerFills));
    }

    [Fact]
    public void An_exit_of_a_position_off_the_lot_grid_rounds_down_to_whole_lots()
    {
        // The ask shows 450 units: the IOC entry takes them (a partial fill) and leaves 4.5 lots held.
        using var rig = new Rig(Keep, new RiskOptions { EntryOrderType = OrderType.Ioc }, askLots: 450);
        rig.Tick(T0);
        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0, out var entry));
        Assert.True(entry.QuantityLots > 450 && entry.QuantityLots % Lot == 0, $"entry of {entry.QuantityLots}");
        rig.Tick(T0 + 5 * Ms);
        rig.Tick(T0 + 10 * Ms);
        Assert.Equal(450L, rig.Desk.Ledger.Position(0).PositionLots);

        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Short, T0 + 3_000 * Ms, out var exit));

        Assert.Equal((OrderSide.Sell, true, 400L), (exit.Side, exit.ReduceOnly, exit.QuantityLots));
        rig.Tick(T0 + 3_005 * Ms);
        rig.Tick(T0 + 3_010 * Ms);
        Assert.Equal((0L, 50L), (rig.Exchange.OffGridRejects, rig.Desk.Ledger.Position(0).PositionLots));
        // What is left is finer than a lot: no order can close it, and risk says so.
        Assert.Equal(RiskVerdict.BelowMinSize, rig.Decide(SignalDirection.Short, T0 + 6_000 * Ms, out _));
    }
}
