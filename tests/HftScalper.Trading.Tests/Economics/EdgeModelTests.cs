using HftScalper.Core.Settings;
using HftScalper.Native;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;

namespace HftScalper.Trading.Tests.Economics;

/// <summary>
/// Hand-computed cases. Book: bid 9999.00 (1000 lots), ask 10001.00 / 10002.00 / 10003.00 (300, 200, 1000 lots), in
/// ticks of 0.01: mid 1,000,000 ticks, so one tick is 0.01 bps and half the spread (100 ticks) is 1 bps. Fees USD-M
/// VIP 0: maker 2 bps, taker 5 bps. Order 500 lots; 500 lots/s traded at the bid over a 2 s horizon.
/// </summary>
public sealed class EdgeModelTests
{
    private const long Bid = 999_900, Ask = 1_000_100;

    private static BookDepth Depth()
    {
        var d = new BookDepth();
        d.Bids[0] = new BookLevel(Bid, 1000);
        d.BidCount = 1;
        d.Asks[0] = new BookLevel(Ask, 300);
        d.Asks[1] = new BookLevel(1_000_200, 200);
        d.Asks[2] = new BookLevel(1_000_300, 1000);
        d.AskCount = 3;
        return d;
    }

    private static EdgeEstimate Estimate(double moveBps, FeeSchedule? fees = null, long qty = 500, long limit = 0, double flow = 500,
        double makerAdverse = 0)
    {
        var inputs = new EdgeInputs
        {
            Direction = 1, ExpectedMoveBps = moveBps, BidTicks = Bid, AskTicks = Ask, QuantityLots = qty, TakerLimitTicks = limit,
            TouchFlowLotsPerSecond = flow, HorizonNs = 2_000_000_000, Fees = fees ?? FeeTiers.Get("usdm-vip0"),
            MakerAdverseSelectionBps = makerAdverse,
        };
        var depth = Depth();
        EdgeModel.Estimate(in inputs, in depth, out var edge);
        return edge;
    }

    [Fact]
    public void Taker_ev_is_the_move_less_fees_spread_in_and_out_and_the_levels_walked()
    {
        var e = Estimate(20);
        // 500 lots: 300 at the touch, 200 one dollar (100 ticks) up: 200 x 100 / 500 = 40 ticks = 0.4 bps.
        Assert.Equal(1.0, e.HalfSpreadBps, 9);
        Assert.Equal(10.0, e.TakerFeesBps, 9);
        Assert.Equal(2.0, e.TakerSpreadBps, 9);
        Assert.Equal(0.4, e.SlippageBps, 9);
        Assert.Equal(20 - 10 - 2 - 0.4, e.TakerEvBps, 9);
    }

    [Fact]
    public void Maker_ev_pays_its_fee_and_the_exit_and_the_adverse_selection_its_queue_implies()
    {
        var e = Estimate(20);
        // Queue ahead 1000 + our 500 = 1500 lots; 500 lots/s x 2 s = 1000 lots: P = 1 - exp(-1000/1500) = 0.486583.
        double p = 1 - Math.Exp(-1000.0 / 1500);
        Assert.Equal(p, e.MakerFillProbability, 9);
        Assert.Equal((1 - p) * 2, e.AdverseSelectionBps, 9);
        Assert.Equal(2.0 + 5.0, e.MakerFeesBps, 9);
        Assert.Equal(20 - 7 - (1 - p) * 2, e.MakerEvBps, 9);
        Assert.Equal(0, EdgeModel.FillProbability(1000, 500, 0, 2_000_000_000)); // no flow seen: no fill expected
        Assert.Equal(0, EdgeModel.FillProbability(1000, 500, double.NaN, 2_000_000_000));
    }

    // Zero fees, move 3 bps: maker EV = 3 - (1 - p) x 2 = 1.973 (p = 0.486583), taker EV = 3 - 2 - 0.4 = 0.6.
    // The configured move against a passive fill is added to the maker's adverse selection: 1.5 bps leaves the maker
    // 0.473 (still above the 0.25 margin: maker); 2 bps leaves it -0.027, and the taker's 0.6 clears (taker).
    [Theory]
    [InlineData(0, EntryRoute.Maker)]
    [InlineData(1.5, EntryRoute.Maker)]
    [InlineData(2, EntryRoute.Taker)]
    public void A_configured_adverse_move_given_a_passive_fill_is_a_maker_cost(double adverse, EntryRoute expected)
    {
        double p = 1 - Math.Exp(-1000.0 / 1500);
        var e = Estimate(3, new FeeSchedule(0, 0), makerAdverse: adverse);
        Assert.Equal((1 - p) * 2 + adverse, e.AdverseSelectionBps, 9);
        Assert.Equal(3 - (1 - p) * 2 - adverse, e.MakerEvBps, 9);
        Assert.Equal(0.6, e.TakerEvBps, 9);
        Assert.Equal(expected, EdgeModel.Choose(in e, 0.25, 0.3, makerAllowed: true, takerAllowed: true, out _));
    }

    [Fact]
    public void Slippage_walk_stops_at_the_taker_limit_and_prices_quantity_beyond_the_visible_levels_at_the_last()
    {
        var d = Depth();
        // IOC limited one dollar above the touch, 800 lots: 300 + 200 fill (the rest does not): 200 x 100 / 500 = 40 ticks.
        Assert.Equal(40.0, EdgeModel.WalkCost(d.Asks, d.AskCount, Ask, 800, 1_000_200, +1), 9);
        // Market, 2000 lots, 1500 visible: 200 x 100 + 1000 x 200 + 500 x 200 (beyond, at the last level) over 2000 = 160 ticks.
        Assert.Equal(160.0, EdgeModel.WalkCost(d.Asks, d.AskCount, Ask, 2000, 0, +1), 9);
        // Within the touch: nothing.
        Assert.Equal(0.0, EdgeModel.WalkCost(d.Asks, d.AskCount, Ask, 300, 0, +1), 9);
        // Selling into bids walks down: 1000 at the bid, then 500 more priced at it (the only visible level) -> 0.
        Assert.Equal(0.0, EdgeModel.WalkCost(d.Bids, d.BidCount, Bid, 1500, 0, -1), 9);
        Assert.Equal(0.4, Estimate(20, limit: 1_000_200).SlippageBps, 9);
    }

    [Fact]
    public void Maker_is_chosen_when_its_ev_clears_the_margin_and_the_fill_is_likely_else_taker_when_taker_clears()
    {
        var e = Estimate(20); // maker EV 11.97, P 0.487; taker EV 7.6
        Assert.Equal(EntryRoute.Maker, EdgeModel.Choose(in e, 0.5, 0.3, true, true, out _));
        Assert.Equal(EntryRoute.Taker, EdgeModel.Choose(in e, 0.5, 0.6, true, true, out _));
        Assert.Equal(EntryRoute.Taker, EdgeModel.Choose(in e, 0.5, 0.3, false, true, out _));
        Assert.Equal(EntryRoute.None, EdgeModel.Choose(in e, 0.5, 0.6, true, false, out var unlikely));
        Assert.Equal(RiskVerdict.MakerFillUnlikely, unlikely);
        // A margin above both EVs refuses: the move covers every cost of the maker route (higher EV), not the margin.
        Assert.Equal(EntryRoute.None, EdgeModel.Choose(in e, 15, 0.3, true, true, out var margin));
        Assert.Equal(RiskVerdict.EdgeBelowMargin, margin);
    }

    [Theory]
    [InlineData(6.0, true, RiskVerdict.EdgeBelowFees)]                // 6 < maker fees 7
    [InlineData(7.8, true, RiskVerdict.EdgeBelowAdverseSelection)]    // 7.8 > 7 fees, but 0.8 < adverse 1.03
    [InlineData(8.3, true, RiskVerdict.EdgeBelowMargin)]              // covers 7 + 1.03 (EV 0.27), not the 0.5 margin
    [InlineData(9.0, false, RiskVerdict.EdgeBelowFees)]               // taker only: 9 < fees 10
    [InlineData(11.0, false, RiskVerdict.EdgeBelowSpread)]            // 11 > 10 fees, < 10 + 2 spread
    [InlineData(12.3, false, RiskVerdict.EdgeBelowSlippage)]          // 12.3 > 12, < 12 + 0.4 slippage
    [InlineData(12.6, false, RiskVerdict.EdgeBelowMargin)]            // EV 0.2 < the 0.5 margin
    public void A_refusal_names_the_first_cost_term_the_move_does_not_cover(double move, bool maker, RiskVerdict expected)
    {
        var e = Estimate(move);
        Assert.Equal(EntryRoute.None, EdgeModel.Choose(in e, 0.5, 0.3, maker, true, out var verdict));
        Assert.Equal(expected, verdict);
    }

    [Fact]
    public void Fee_tiers_hold_binance_rates_per_market_and_a_maker_rebate_lowers_the_maker_cost()
    {
        Assert.Equal(new FeeSchedule(1000, 1000), FeeTiers.Get("spot-vip0"));
        Assert.Equal(new FeeSchedule(750, 750), FeeTiers.Get("SPOT-VIP0-BNB"));
        Assert.Equal(new FeeSchedule(200, 500), FeeTiers.Get("usdm-vip0"));
        Assert.Equal(new FeeSchedule(200, 500), FeeTiers.DefaultFor("usdm"));
        Assert.Equal(FeeSchedule.BinanceSpotDefault, FeeTiers.DefaultFor("spot"));
        var e = Assert.Throws<SettingException>(() => FeeTiers.Get("vip9", "feeTier"));
        Assert.Contains("feeTier = 'vip9'", e.Message, StringComparison.Ordinal);
        Assert.Contains("usdm-vip0", e.Message, StringComparison.Ordinal);

        // A 0.01 % maker rebate (-100 ppm) with the 0.05 % taker exit: maker fees -1 + 5 = 4 bps; 3 bps better than VIP 0.
        var rebate = Estimate(20, new FeeSchedule(-100, 500));
        Assert.Equal(4.0, rebate.MakerFeesBps, 9);
        Assert.Equal(Estimate(20).MakerEvBps + 3, rebate.MakerEvBps, 9);
        // Spot VIP 0: 20 bps of fees a taker round trip: a 20 bps move is refused at the fees.
        var spot = Estimate(20, FeeTiers.Get("spot-vip0"));
        Assert.Equal(20.0, spot.TakerFeesBps, 9);
        Assert.Equal(EntryRoute.None, EdgeModel.Choose(in spot, 0.5, 0.3, true, true, out var v));
        Assert.Equal(RiskVerdict.EdgeBelowFees, v);
    }
}
