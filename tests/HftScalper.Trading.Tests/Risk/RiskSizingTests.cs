using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

public sealed class RiskSizingTests
{
    [Fact]
    public void Quarter_kelly_on_the_prior_sizes_the_entry_at_the_touch()
    {
        var f = new RiskFixture();
        // p = 0.6, b = 1 (prior): f* = 0.2, x 0.25 = 5 % of 1000 USDT = 50 USDT = 500 lots of 0.1 USDT... at 10000.00
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out var order));

        Assert.Equal((OrderSide.Buy, OrderType.Ioc, Ask, 500L, false), (order.Side, order.Type, order.PriceTicks, order.QuantityLots, order.ReduceOnly));
        Assert.Equal((Now, 7L), (order.TimeNs, order.Sequence));
        Assert.True(f.Orders.TryGet(order.ClientOrderId, out var tracked));
        Assert.Equal(OrderStatus.PendingNew, tracked.Status);
        Assert.Equal(1, f.Risk.Counters[RiskVerdict.Accept]);
    }

    [Fact]
    public void Short_entries_sell_at_the_bid_and_post_only_joins_our_own_side()
    {
        var f = new RiskFixture(new RiskOptions { EntryOrderType = OrderType.PostOnly });
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Short, 0.6f, out var order));
        // A sell is sized at the bid: 5e8 / 999_900 = 500.05 lots -> 500; post-only rests at the ask.
        Assert.Equal((OrderSide.Sell, OrderType.PostOnly, Ask, 500L), (order.Side, order.Type, order.PriceTicks, order.QuantityLots));
    }

    [Fact]
    public void The_runs_record_shrunk_toward_the_prior_sizes_the_entry()
    {
        var f = new RiskFixture();                             // k = 30 pseudo round trips, b0 = 1
        Assert.Equal(RiskVerdict.NoEdge, f.Evaluate(SignalDirection.Long, 0.5f, out _)); // p = 0.5, b = 1: f* = 0

        for (int i = 0; i < 20; i++) { f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 120, 0, Now); }
        for (int i = 0; i < 10; i++) { f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 90, 0, Now); }
        Assert.Equal(2.0, f.Ledger.Trades.PayoffRatio, 12);   // observed

        // c = 0.5: p = (20 + 15) / 60, q = (10 + 15) / 60; u = (400 + 100) / 30, b = ((400 + 500) / 50) / ((100 + 500) / 40)
        // = 18 / 15 = 1.2: f* = 35 / 60 - 25 / 72 = 17 / 72, x 0.25 = 17 / 288 of (1e10 + 300) units / 1e6 per lot = 590.28 lots
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.5f, out var order));
        Assert.Equal(590L, order.QuantityLots);
    }

    [Fact]
    public void Size_respects_the_lot_size_the_floor_and_the_cap()
    {
        var lots = new RiskFixture(new RiskOptions { KellyFraction = 0.2467 }, lotSize: 10);
        lots.Evaluate(SignalDirection.Long, 0.6f, out var order);
        Assert.Equal(490L, order.QuantityLots);                 // 0.2 x 0.2467 x 1e10 / 1e6 = 493.4 -> 490

        var floor = new RiskFixture(new RiskOptions { MinPositionLots = 50 });
        floor.Evaluate(SignalDirection.Long, 0.501f, out order);
        Assert.Equal(50L, order.QuantityLots);                  // Kelly says 5 lots; the floor is 50

        var cap = new RiskFixture(new RiskOptions { MaxSizeLots = 100 });
        cap.Evaluate(SignalDirection.Long, 0.6f, out order);
        Assert.Equal(100L, order.QuantityLots);
    }

    [Theory]
    [InlineData(100, RiskVerdict.BelowMinNotional)]             // 100 lots x 1e6 = 1e8 = 10 USDT < 50
    [InlineData(500, RiskVerdict.Accept)]                       // exactly 50 USDT
    public void Orders_below_the_minimum_notional_are_refused(long maxSize, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = maxSize }, minNotional: 500_000_000);
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _));
    }

    [Theory]
    [InlineData(100, RiskVerdict.BelowMinSize)]                 // 100 lots < the 250-lot minimum quantity
    [InlineData(250, RiskVerdict.Accept)]                       // exactly the minimum
    public void Orders_below_the_minimum_quantity_are_refused(long maxSize, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = maxSize }, minQuantity: 250);
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _));
    }

    [Fact]
    public void Working_orders_count_toward_the_target()
    {
        var f = new RiskFixture();
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out _));
        Assert.Equal(RiskVerdict.AtTarget, f.Evaluate(SignalDirection.Long, 0.6f, out var none));
        Assert.Equal(default, none);
        Assert.Equal(1, f.Risk.Counters[RiskVerdict.AtTarget]);
    }

    [Fact]
    public void Flat_or_opposite_signal_closes_the_position_reduce_only()
    {
        var f = new RiskFixture();
        f.Ledger.ApplyFill(0, 100, Ask, 0, Now);
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Flat, 0.9f, out var exit));
        Assert.Equal((OrderSide.Sell, OrderType.Ioc, Bid, 100L, true), (exit.Side, exit.Type, exit.PriceTicks, exit.QuantityLots, exit.ReduceOnly));

        Assert.Equal(RiskVerdict.AtTarget, f.Evaluate(SignalDirection.Short, 0.9f, out _)); // the exit already covers it
        f.RejectAtVenue(exit);
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Short, 0.9f, out exit));
        Assert.True(exit.ReduceOnly);

        var flat = new RiskFixture();
        Assert.Equal(RiskVerdict.NoAction, flat.Evaluate(SignalDirection.Flat, 0.9f, out _));
    }
}
