using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Quoting;

// A symbol whose exchange tick is 4 price units (0.04 at 2 decimals) and whose lot is 100 quantity units, through the
// real desk and a real PaperExchange that knows the symbols (so it refuses what is off the grid): every price the desk
// computes (a maker quote, a reprice, a take-profit, an IOC limit with its slippage allowance) and every size lands on
// the grid, rounded toward the passive side (never crossing, never beyond the allowance) and down to the lot.
public sealed class TickGridTests
{
    private const long T0 = QuoteRig.T0, Bid = QuoteRig.Bid, Ask = QuoteRig.Ask; // both on the grid
    private const long TickUnits = 4, Lot = 100;

    private static QuoteRig Rig(QuoteOptions quotes, RiskOptions? risk = null, long bid = Bid, long askLots = 1_000_000) =>
        new(quotes, risk, bid, askLots: askLots, tickSize: TickUnits, lotSize: Lot, withSymbols: true);

    // The post-only buy rests at the bid, a sell trades through it, and the position's exits follow.
    private static void LongAtTheBid(QuoteRig rig)
    {
        rig.RestEntry();
        rig.FillEntry(T0 + 20 * Ms);
        rig.Tick(T0 + 30 * Ms);
        rig.Tick(T0 + 35 * Ms);
    }

    private static readonly QuoteOptions Keep = new() { FillHorizonFactor = 0 };

    [Fact]
    public void A_take_profit_of_one_tick_is_one_exchange_tick_not_one_price_unit()
    {
        using var rig = Rig(Keep with { TakeProfitTicks = 1 });
        LongAtTheBid(rig);

        var tp = rig.Only();
        Assert.Equal((OrderSide.Sell, OrderType.PostOnly, Bid + TickUnits), (tp.Request.Side, tp.Request.Type, tp.Request.PriceTicks));
        Assert.Equal(OrderStatus.New, tp.Status);            // the venue took it: on the grid
        Assert.Equal(0L, rig.Exchange.OffGridRejects);
    }

    [Fact]
    public void A_take_profit_in_basis_points_rounds_up_to_whole_exchange_ticks()
    {
        using var rig = Rig(Keep with { TakeProfitBps = 0.5 });    // 0.5 bp of 9999.00 = 49.995 units -> 13 ticks of 4
        LongAtTheBid(rig);

        Assert.Equal(Bid + 52, rig.Only().Request.PriceTicks);
    }

    [Fact]
    public void A_maker_entry_on_a_touch_finer_than_the_tick_joins_the_grid_below_it()
    {
        using var rig = Rig(Keep, bid: Bid + 2);                  // a feed finer than the exchange's tick

        rig.Tick(T0);
        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0, out var order));

        Assert.Equal((OrderType.PostOnly, Bid), (order.Type, order.PriceTicks));
    }

    [Fact]
    public void A_reprice_to_a_touch_finer_than_the_tick_lands_on_the_grid_and_never_repeats()
    {
        using var rig = Rig(Keep);
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
        using var rig = Rig(Keep, new RiskOptions { EntryOrderType = OrderType.Ioc, SlippageTicks = slippageTicks });
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
        using var rig = Rig(Keep, new RiskOptions { EntryOrderType = OrderType.Ioc }, askLots: 450);
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

    [Fact]
    public void A_time_stop_closes_whole_lots_and_leaves_the_rest_finer_than_a_lot_alone()
    {
        using var rig = Rig(Keep with { TimeStopFactor = 1 }, new RiskOptions { EntryOrderType = OrderType.Ioc }, askLots: 450);
        rig.Tick(T0);
        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0, out _));
        rig.Tick(T0 + 5 * Ms);
        rig.Tick(T0 + 10 * Ms);
        Assert.Equal(450L, rig.Desk.Ledger.Position(0).PositionLots);

        for (long t = 2_100; t <= 4_000; t += 5) rig.Tick(T0 + t * Ms); // 2 s horizon: the stop, then nothing more to send

        Assert.Equal((1L, 1L, 50L), (rig.Desk.Quotes.TimeStops, rig.Desk.Quotes.StopOrders, rig.Desk.Ledger.Position(0).PositionLots));
        Assert.Equal((0L, 0L), (rig.Exchange.OffGridRejects, rig.Desk.Executions.Rejects));
    }
}
