using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Quoting;

// Hand-built event sequences through the real desk and the real PaperExchange (QuoteRig): a post-only buy of 500 lots
// joins the bid at 9999.00 (1,000,000 lots visible ahead of it) at T0.
public sealed class QuoteManagerTests
{
    private const long T0 = QuoteRig.T0;
    private const long Bid = QuoteRig.Bid, Ask = QuoteRig.Ask;

    private static readonly QuoteOptions Keep = new() { FillHorizonFactor = 0 };

    [Theory]
    [InlineData(SignalDirection.Flat)]   // weakened: the hysteresis dropped below the exit threshold
    [InlineData(SignalDirection.Short)]  // flipped
    public void Cancels_a_resting_entry_when_the_signal_weakens_or_flips(SignalDirection next)
    {
        using var rig = new QuoteRig(Keep);
        rig.RestEntry();

        rig.Decide(next, T0 + 20 * Ms);   // at once: no minimum rest for a signal cancel
        rig.Tick(T0 + 25 * Ms);
        rig.Tick(T0 + 30 * Ms);

        Assert.Equal((1L, 1L, 0), (rig.Desk.Quotes.SignalCancels, rig.Desk.Executions.Cancelled, rig.Desk.Orders.OpenCount));
    }

    [Fact]
    public void Keeps_a_resting_entry_while_the_signal_holds_and_the_touch_stays()
    {
        using var rig = new QuoteRig(Keep);
        rig.RestEntry();

        rig.Decide(SignalDirection.Long, T0 + 200 * Ms);
        rig.Tick(T0 + 300 * Ms);

        Assert.Equal((0L, 0L, OrderStatus.New), (rig.Desk.Quotes.Cancels, rig.Desk.Quotes.Replaces, rig.Only().Status));
    }

    [Fact]
    public void Reprices_to_the_new_best_bid_when_the_touch_moves_away_after_the_minimum_rest()
    {
        using var rig = new QuoteRig(Keep);
        rig.RestEntry();

        rig.Feed(Level(T0 + 50 * Ms, Side.Bid, Bid + 10, 7));      // too early: the order rests at least 100 ms
        Assert.Equal(0L, rig.Desk.Quotes.Replaces);
        rig.Feed(Level(T0 + 150 * Ms, Side.Bid, Bid + 20, 3));     // the bid moved away again: join it
        rig.Tick(T0 + 155 * Ms);
        rig.Tick(T0 + 160 * Ms);

        var o = rig.Only();
        Assert.Equal((1L, Bid + 20, OrderType.PostOnly, 500L), (rig.Desk.Quotes.Replaces, o.Request.PriceTicks, o.Request.Type, o.LeavesLots));
        Assert.True(o.Request.PriceTicks < Ask); // joined our side's best, never crossing
    }

    // quotes.maxChaseBps 1: 1 bp of the first price 999_900 is 99.99 ticks. Following the bid to +20 ticks (0.2 bp)
    // reprices; the next move to +100 ticks is 80 ticks from the current price but 100 ticks (1.0001 bp) from the
    // first: cancelled instead, counted, and entries cool down.
    [Fact]
    public void Does_not_chase_the_touch_farther_than_max_chase_bps_from_the_first_price()
    {
        using var rig = new QuoteRig(Keep with { MaxChaseBps = 1 });
        rig.RestEntry();

        rig.Feed(Level(T0 + 150 * Ms, Side.Bid, Bid + 20, 3));
        rig.Tick(T0 + 155 * Ms);
        rig.Tick(T0 + 160 * Ms);
        Assert.Equal((1L, Bid + 20), (rig.Desk.Quotes.Replaces, rig.Only().Request.PriceTicks));

        rig.Feed(Level(T0 + 300 * Ms, Side.Bid, Bid + 100, 3));
        rig.Tick(T0 + 305 * Ms);
        rig.Tick(T0 + 310 * Ms);

        Assert.Equal((1L, 1L, 1L, 0), (rig.Desk.Quotes.Replaces, rig.Desk.Quotes.ChaseCancels, rig.Desk.Quotes.Cancels, rig.Desk.Orders.OpenCount));
        Assert.Equal(RiskVerdict.QuoteCooldown, rig.Decide(SignalDirection.Long, T0 + 400 * Ms));
    }

    [Theory]
    [InlineData(99, 1L, 0L)]    // 99 ticks = 0.990 bp of 999_900: still followed
    [InlineData(100, 0L, 1L)]   // 100 ticks = 1.0001 bp: cancelled
    public void The_chase_limit_is_measured_in_bps_of_the_first_price(long away, long replaces, long chaseCancels)
    {
        using var rig = new QuoteRig(Keep with { MaxChaseBps = 1 });
        rig.RestEntry();

        rig.Feed(Level(T0 + 150 * Ms, Side.Bid, Bid + away, 3));
        rig.Tick(T0 + 155 * Ms);
        rig.Tick(T0 + 160 * Ms);

        Assert.Equal((replaces, chaseCancels), (rig.Desk.Quotes.Replaces, rig.Desk.Quotes.ChaseCancels));
    }

    [Fact]
    public void Cancels_when_the_queue_ahead_cannot_trade_before_the_horizon_and_cools_down()
    {
        // 30 s of sells hitting the bid at ~33 lots/s: 2 s of them cannot clear 1,000,000 lots ahead of us.
        using var rig = new QuoteRig(new QuoteOptions());
        rig.Feed(Trade(T0 - 1, Bid, 1000, Side.Ask));
        rig.RestEntry();

        rig.Tick(T0 + 150 * Ms);
        rig.Tick(T0 + 155 * Ms);
        rig.Tick(T0 + 160 * Ms);

        Assert.Equal((1L, 0), (rig.Desk.Quotes.UnlikelyFillCancels, rig.Desk.Orders.OpenCount));
        Assert.Equal(RiskVerdict.QuoteCooldown, rig.Decide(SignalDirection.Long, T0 + 500 * Ms));
        Assert.Equal(RiskVerdict.Accept, rig.Decide(SignalDirection.Long, T0 + 1200 * Ms));
    }

    [Fact]
    public void Keeps_an_entry_whose_queue_trades_away_within_the_horizon()
    {
        // 10 lots ahead, and 100,000 lots sold into the bid over the last 30 s (~3,300 lots/s): a fill is likely.
        using var rig = new QuoteRig(new QuoteOptions(), bidLots: 10);
        rig.Feed(Trade(T0 - 1, Bid, 100_000, Side.Ask));
        rig.RestEntry();

        rig.Tick(T0 + 150 * Ms);

        Assert.Equal((0L, OrderStatus.New), (rig.Desk.Quotes.Cancels, rig.Only().Status));
    }

    [Fact]
    public void Every_cancel_waits_for_a_token_of_the_risk_order_rate_bucket()
    {
        var risk = new RiskOptions { EntryOrderType = OrderType.PostOnly, MaxOrdersPerSecond = 1, OrderBurst = 1 };
        using var rig = new QuoteRig(Keep, risk);
        rig.RestEntry();                                           // the entry took the only token at T0

        rig.Decide(SignalDirection.Flat, T0 + 20 * Ms);
        rig.Tick(T0 + 500 * Ms);
        Assert.Equal((0L, OrderStatus.New), (rig.Desk.Quotes.Cancels, rig.Only().Status));
        Assert.True(rig.Desk.Quotes.RateLimited >= 2);

        rig.Tick(T0 + 1000 * Ms);                                  // a token again, one second after the entry
        rig.Tick(T0 + 1005 * Ms);
        rig.Tick(T0 + 1010 * Ms);
        Assert.Equal((1L, 0), (rig.Desk.Quotes.Cancels, rig.Desk.Orders.OpenCount));
    }

    [Fact]
    public void Never_reprices_a_buy_onto_our_own_resting_take_profit_sell()
    {
        // 10 lots ahead; a 110-lot sell at our price fills 100 of our 500: long 100 with the rest of the buy resting.
        using var rig = new QuoteRig(Keep with { TakeProfitTicks = 1 }, bidLots: 10);
        rig.RestEntry();
        rig.Feed(Trade(T0 + 20 * Ms, Bid, 110, Side.Ask));
        rig.Tick(T0 + 25 * Ms);                                    // fill reported: the take-profit goes out at 9999.01
        rig.Tick(T0 + 30 * Ms);
        rig.Tick(T0 + 35 * Ms);
        Assert.Equal((100L, 1L), (rig.Desk.Ledger.Position(0).PositionLots, rig.Desk.Quotes.TakeProfits));

        rig.Feed(Level(T0 + 200 * Ms, Side.Bid, Bid + 1, 5));     // the bid reaches our sell: joining it would self-cross

        Assert.Equal((1L, 0L), (rig.Desk.Quotes.SelfCrossCancels, rig.Desk.Quotes.Replaces));
    }

    [Fact]
    public void A_take_profit_rests_passively_at_entry_plus_target_and_closes_the_position_as_maker()
    {
        using var rig = new QuoteRig(Keep with { TakeProfitTicks = 5 });
        rig.RestEntry();
        rig.FillEntry(T0 + 20 * Ms);
        rig.Tick(T0 + 30 * Ms);
        rig.Tick(T0 + 35 * Ms);

        var tp = rig.Only();
        Assert.Equal((OrderSide.Sell, OrderType.PostOnly, true, Bid + 5, 500L),
            (tp.Request.Side, tp.Request.Type, tp.Request.ReduceOnly, tp.Request.PriceTicks, tp.Request.QuantityLots));

        rig.Feed(Trade(T0 + 300 * Ms, Bid + 6, 1000, Side.Bid));  // a buyer trades through our sell
        rig.Tick(T0 + 305 * Ms);

        Assert.Equal((0L, 2L, 0L), (rig.Desk.Ledger.Position(0).PositionLots, rig.Desk.Executions.MakerFills, rig.Desk.Executions.TakerFills));
        Assert.Equal(500L * 5, rig.Desk.Ledger.RealizedPnl);
    }

    [Fact]
    public void A_take_profit_in_basis_points_rounds_up_to_whole_ticks_of_the_entry_price()
    {
        using var rig = new QuoteRig(Keep with { TakeProfitBps = 0.5 });    // 0.5 bp of 9999.00 = 49.995 ticks -> 50
        rig.RestEntry();
        rig.FillEntry(T0 + 20 * Ms);
        rig.Tick(T0 + 30 * Ms);
        rig.Tick(T0 + 35 * Ms);

        Assert.Equal(Bid + 50, rig.Only().Request.PriceTicks);
    }

    [Fact]
    public void A_time_stop_at_the_horizon_cancels_the_take_profit_then_exits_as_taker()
    {
        using var rig = new QuoteRig(Keep with { TakeProfitTicks = 50, TimeStopFactor = 1 });
        rig.RestEntry();
        rig.FillEntry(T0 + 20 * Ms);
        rig.Tick(T0 + 30 * Ms);
        rig.Tick(T0 + 35 * Ms);
        Assert.Equal(1L, rig.Desk.Quotes.TakeProfits);

        rig.Tick(T0 + 1500 * Ms);                                  // 1.5 s old: not yet
        Assert.Equal(0L, rig.Desk.Quotes.TimeStops);
        for (long t = 2100; t <= 2130; t += 5) rig.Tick(T0 + t * Ms); // 2 s: cancel the take-profit, then IOC at the bid

        Assert.Equal((1L, 1L, 1L), (rig.Desk.Quotes.TimeStops, rig.Desk.Quotes.Cancels, rig.Desk.Quotes.StopOrders));
        Assert.Equal((0L, 1L), (rig.Desk.Ledger.Position(0).PositionLots, rig.Desk.Executions.TakerFills));
        Assert.Equal(RiskVerdict.QuoteCooldown, rig.Decide(SignalDirection.Long, T0 + 2200 * Ms)); // no instant re-entry
    }

    [Fact]
    public void An_adverse_move_stop_exits_as_taker_before_the_horizon()
    {
        using var rig = new QuoteRig(Keep with { StopLossTicks = 50, TimeStopFactor = 10 });
        rig.RestEntry();
        rig.FillEntry(T0 + 20 * Ms);

        rig.Feed(Level(T0 + 40 * Ms, Side.Bid, Bid - 40, 1_000_000));
        rig.Feed(Level(T0 + 41 * Ms, Side.Bid, Bid, 0));           // bid 9998.60: 40 ticks against us, kept
        Assert.Equal(0L, rig.Desk.Quotes.AdverseStops);
        rig.Feed(Level(T0 + 50 * Ms, Side.Bid, Bid - 60, 1_000_000));
        rig.Feed(Level(T0 + 51 * Ms, Side.Bid, Bid - 40, 0));      // bid 9998.40: 60 ticks against us
        for (long t = 55; t <= 70; t += 5) rig.Tick(T0 + t * Ms);

        Assert.Equal((1L, 0L, 1L), (rig.Desk.Quotes.AdverseStops, rig.Desk.Quotes.TimeStops, rig.Desk.Quotes.StopOrders));
        Assert.Equal((0L, 1L), (rig.Desk.Ledger.Position(0).PositionLots, rig.Desk.Executions.TakerFills));
        Assert.Equal(-500L * 60, rig.Desk.Ledger.RealizedPnl);
    }
}
