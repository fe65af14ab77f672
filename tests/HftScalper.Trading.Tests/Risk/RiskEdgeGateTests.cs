using HftScalper.Native;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

/// <summary>
/// Risk's expected-value gate on the fixture's market (bid 9999.00, ask 10000.00: mid 9999.50, half spread 0.50003
/// bps). The Kelly entry at p = 0.6 is 500 lots. Fees USD-M VIP 0 (maker 2 bps, taker 5 bps) unless stated.
/// </summary>
public sealed class RiskEdgeGateTests
{
    private static readonly FeeSchedule UsdM = FeeTiers.Get("usdm-vip0");

    // 2000 lots at the bid ahead of us, 1000 lots at the ask; 1250 lots/s traded at the bid over 2 s:
    // P(fill) = 1 - exp(-2500 / 2500) = 0.632.
    private static RiskMarketView View(double moveBps, double bidFlow = 1250)
    {
        var v = RiskFixture.View();
        v.HasExpectedMove = true;
        v.ExpectedMoveBps = moveBps;
        v.HorizonNs = 2_000_000_000;
        v.BidFlowLotsPerSecond = bidFlow;
        v.AskFlowLotsPerSecond = bidFlow;
        v.Depth.Bids[0] = new BookLevel(Bid, 2000);
        v.Depth.Asks[0] = new BookLevel(Ask, 1000);
        v.Depth.BidCount = v.Depth.AskCount = 1;
        return v;
    }

    private static double HalfSpreadBps => (Ask - Bid) * 0.5 / ((Ask + Bid) * 0.5) * 1e4;

    [Fact]
    public void An_entry_whose_expected_move_is_below_its_costs_is_refused_and_names_the_term()
    {
        var f = new RiskFixture(fees: UsdM);
        // Maker route: fees 2 + 5 = 7 bps; a 5 bps move less the 0.5 margin does not cover them.
        Assert.Equal(RiskVerdict.EdgeBelowFees, f.Evaluate(SignalDirection.Long, 0.6f, out var order, view: View(5)));
        Assert.Equal(default, order);
        Assert.Equal(0, f.Orders.OpenCount);
        Assert.Equal(1, f.Risk.Counters[RiskVerdict.EdgeBelowFees]);
        ref readonly var edge = ref f.Risk.LastEdge(0);
        Assert.Equal((Now, 1, 5.0), (edge.TimeNs, edge.Direction, edge.ExpectedMoveBps));
        Assert.Equal(5 - 7 - (1 - (1 - Math.Exp(-1.0))) * 2 * HalfSpreadBps, edge.MakerEvBps, 9);
    }

    [Fact]
    public void An_entry_above_its_costs_goes_as_a_post_only_maker_order_at_our_own_best()
    {
        var f = new RiskFixture(fees: UsdM);
        // Maker EV = 9 - 7 - 0.368 x 1.0 = 1.63 bps > 0.5 margin; P(fill) 0.632 >= 0.3.
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out var order, view: View(9)));
        Assert.Equal((OrderSide.Buy, OrderType.PostOnly, Bid, 500L), (order.Side, order.Type, order.PriceTicks, order.QuantityLots));
        Assert.True(f.Risk.LastEdge(0).MakerEvBps > 0.5);
    }

    [Fact]
    public void Taker_is_chosen_only_when_its_own_ev_clears_the_margin_and_the_maker_fill_is_unlikely()
    {
        // No flow at the bid: the maker order would not fill (P = 0).
        var f = new RiskFixture(fees: UsdM);
        // Taker EV = 20 - 10 - 2 x 0.5 = 9.0 > 0.5: IOC at the ask.
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out var order, view: View(20, bidFlow: 0)));
        Assert.Equal((OrderType.Ioc, Ask), (order.Type, order.PriceTicks));
        // Taker EV = 10.5 - 10 - 1.0 = -0.5: refused; the maker's EV (10.5 - 7 - 1.0 = 2.5) clears but it would not fill.
        var g = new RiskFixture(fees: UsdM);
        Assert.Equal(RiskVerdict.MakerFillUnlikely, g.Evaluate(SignalDirection.Long, 0.6f, out _, view: View(10.5, bidFlow: 0)));
    }

    [Fact]
    public void A_fallback_entry_is_gated_by_the_models_expected_move_in_the_fallbacks_direction()
    {
        // directionSource Fallback: the fallback proposes the side, the healthy model's expected move (signed, bps of the
        // mid) judges it. Zero fees, taker entries only, margin 0.1 bps; the taker pays the two half-spreads:
        // 2 x 0.50003 = 1.00005 bps, so EV = m - 1.00005 (signed in the entry's direction).
        var options = new RiskOptions { MakerFirst = false, MinEdgeBps = 0.1, SpotMargin = true };
        var free = new FeeSchedule(0, 0);
        var fallbackShort = Signal(SignalDirection.Short, 0.55f, source: SignalSource.Fallback);

        // The model expects +2 bps (up): a short entry's move is -2 bps, EV -3.0 bps: refused, nothing (0 fees) covered.
        var against = new RiskFixture(options, fees: free);
        var up = View(2);
        Assert.Equal(RiskVerdict.EdgeBelowFees, against.Risk.Evaluate(in fallbackShort, in up, Now, out _));
        Assert.Equal(-2.0, against.Risk.LastEdge(0).ExpectedMoveBps);

        // -1.05 bps: EV = 1.05 - 1.00005 = 0.04995 bps, covers the spread but not the 0.1 margin.
        var thin = new RiskFixture(options, fees: free);
        var small = View(-1.05);
        Assert.Equal(RiskVerdict.EdgeBelowMargin, thin.Risk.Evaluate(in fallbackShort, in small, Now, out _));
        Assert.Equal(1.05 - 2 * HalfSpreadBps, thin.Risk.LastEdge(0).TakerEvBps, 9);

        // -1.0 bps: below the two half-spreads (1.00005): the spread is named.
        var spread = new RiskFixture(options, fees: free);
        var under = View(-1.0);
        Assert.Equal(RiskVerdict.EdgeBelowSpread, spread.Risk.Evaluate(in fallbackShort, in under, Now, out _));

        // -1.2 bps: EV 0.19995 > 0.1: the fallback's short goes, IOC at the bid.
        var clears = new RiskFixture(options, fees: free);
        var down = View(-1.2);
        Assert.Equal(RiskVerdict.Accept, clears.Risk.Evaluate(in fallbackShort, in down, Now, out var order));
        Assert.Equal((OrderSide.Sell, OrderType.Ioc, Bid), (order.Side, order.Type, order.PriceTicks));
    }

    [Fact]
    public void Without_an_expected_move_entries_are_not_gated()
    {
        var f = new RiskFixture(fees: UsdM);
        var view = View(-50);
        view.HasExpectedMove = false; // an old model: no class means, no bps regressor
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out var order, view: view));
        Assert.Equal(OrderType.Ioc, order.Type);
        Assert.Equal(0, f.Risk.LastEdge(0).TimeNs);
    }

    [Fact]
    public void Exits_are_not_gated_by_expected_value()
    {
        var f = new RiskFixture(fees: UsdM);
        f.Ledger.ApplyFill(0, 500, Ask, 0, Now);
        // Flat signal, a move that pays nothing: the close still goes (closing risk is always allowed).
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Flat, 0.6f, out var order, view: View(-30)));
        Assert.Equal((OrderSide.Sell, 500L, true), (order.Side, order.QuantityLots, order.ReduceOnly));
    }

    [Fact]
    public void Post_only_entry_type_is_maker_only_and_a_short_is_gated_on_the_downward_move()
    {
        var f = new RiskFixture(new RiskOptions { EntryOrderType = OrderType.PostOnly, SpotMargin = true }, fees: UsdM);
        // Short: the move in the trade's direction is -(-9) = 9 bps; maker EV 1.63 clears: sell post-only at the ask.
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Short, 0.6f, out var order, view: View(-9)));
        Assert.Equal((OrderSide.Sell, OrderType.PostOnly, Ask), (order.Side, order.Type, order.PriceTicks));
        // With no flow the maker would not fill and the taker route is not allowed.
        var g = new RiskFixture(new RiskOptions { EntryOrderType = OrderType.PostOnly, SpotMargin = true }, fees: UsdM);
        Assert.Equal(RiskVerdict.MakerFillUnlikely, g.Evaluate(SignalDirection.Short, 0.6f, out _, view: View(-20, bidFlow: 0)));
    }
}
