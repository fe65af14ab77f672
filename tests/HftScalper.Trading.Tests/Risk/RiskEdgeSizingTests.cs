using HftScalper.Core.Settings;
using HftScalper.Native;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

/// <summary>
/// Sizing by edge (<see cref="RiskOptions.EdgeSizingBps"/>) and the EV gate fed a calibrated move, on the fixture's
/// market (bid 9999.00, ask 10000.00: the taker pays two half-spreads, 1.00005 bps). Zero fees, taker entries only.
/// The Kelly entry at p = 0.6 is 500 lots: f* = 0.2, quarter Kelly 0.05 of 1000 USDT at 0.1 USDT a lot.
/// </summary>
public sealed class RiskEdgeSizingTests
{
    private const double TwoHalfSpreads = 1.0000500025001250; // (Ask - Bid) / mid x 1e4
    private static readonly FeeSchedule Free = new(0, 0);

    private static RiskOptions Options(double sizingBps, double margin = 0.1, double maxScale = 2, double minScale = 0) => new()
    {
        MakerFirst = false, MinEdgeBps = margin, EdgeSizingBps = sizingBps, EdgeSizingMaxScale = maxScale, EdgeSizingMinScale = minScale,
        SlippageTicks = 200,
    };

    // 5000 lots at the ask (no slippage for any size here) unless a thinner book is given.
    private static RiskMarketView View(double moveBps, long askLots = 5000, long secondLevelLots = 0)
    {
        var v = RiskFixture.View();
        v.HasExpectedMove = true;
        v.ExpectedMoveBps = moveBps;
        v.HorizonNs = 2_000_000_000;
        v.Depth.Bids[0] = new BookLevel(Bid, 5000);
        v.Depth.Asks[0] = new BookLevel(Ask, askLots);
        v.Depth.Asks[1] = new BookLevel(Ask + 100, secondLevelLots);
        v.Depth.BidCount = 1;
        v.Depth.AskCount = secondLevelLots > 0 ? 2 : 1;
        return v;
    }

    private static long Lots(RiskOptions options, double moveBps, long askLots = 5000, long secondLevelLots = 0)
    {
        var f = new RiskFixture(options, fees: Free);
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out var order, view: View(moveBps, askLots, secondLevelLots)));
        return order.QuantityLots;
    }

    [Fact]
    public void Off_the_entry_is_the_kelly_size_whatever_the_edge()
    {
        Assert.Equal(500, Lots(Options(0), 2));
        Assert.Equal(500, Lots(Options(0), 9));
    }

    [Fact]
    public void The_kelly_fraction_is_scaled_by_the_net_edge_over_the_reference_and_capped()
    {
        // EV = 2 - 1.00005 = 0.99995 bps, reference 1 bps: 0.05 x 0.99995 of 1e10 units at 1e6 a lot = 499.975 -> 499.
        Assert.Equal(499, Lots(Options(1), 2));
        // EV 1.99995: 999.975 -> 999 lots.
        Assert.Equal(999, Lots(Options(1), 3));
        // EV 3.99995 is clamped at the 2x scale: 0.1 of equity, 1000 lots.
        Assert.Equal(1000, Lots(Options(1), 5));
        // A 4x scale is capped by maxEquityFraction (0.10): still 1000 lots.
        Assert.Equal(1000, Lots(Options(1, maxScale: 4), 5));
        // A thin edge is sized down, never below one lot: EV 0.19995 x 0.05 -> 99 lots (99.975).
        Assert.Equal(99, Lots(Options(1), 1.2));
    }

    [Fact]
    public void A_minimum_scale_of_one_never_sizes_below_kelly_and_still_scales_up()
    {
        // The thin edge above (EV 0.19995 bps, 99 lots at the default minimum 0) keeps the Kelly 500 lots at minimum 1.
        Assert.Equal(500, Lots(Options(1, minScale: 1), 1.2));
        // A negative edge let through by a permissive margin: Kelly, not the one-lot floor (1 lot at minimum 0).
        Assert.Equal(1, Lots(Options(1, margin: -1000), -3));
        Assert.Equal(500, Lots(Options(1, margin: -1000, minScale: 1), -3));
        // The upside is unchanged: EV 1.99995 -> 999 lots.
        Assert.Equal(999, Lots(Options(1, minScale: 1), 3));
    }

    [Fact]
    public void A_minimum_scale_above_the_maximum_is_refused()
    {
        var e = Assert.Throws<SettingException>(() => Options(1, maxScale: 2, minScale: 3).Validate());
        Assert.Contains("edgeSizingMinScale", e.Message);
        Options(1, maxScale: 2, minScale: 2).Validate();
    }

    [Fact]
    public void A_larger_size_that_no_longer_clears_at_its_own_slippage_keeps_the_kelly_size()
    {
        // 600 lots at the ask, the rest 100 ticks (1.00005 bps) higher. At 999 lots the walk costs 399 x 100 / 999 ticks
        // = 39.94 ticks = 0.39942 bps: EV 1.99995 - 0.39942 = 1.6005 bps.
        double slippage = 399.0 * 100 / 999 * 1e4 / ((Ask + Bid) * 0.5);
        Assert.Equal(1.6005, 3 - TwoHalfSpreads - slippage, 4);
        // Margin 1.5: the larger size still clears, 999 lots; margin 1.7: it does not, the Kelly 500 (no slippage) goes.
        Assert.Equal(999, Lots(Options(1, margin: 1.5), 3, askLots: 600, secondLevelLots: 5000));
        Assert.Equal(500, Lots(Options(1, margin: 1.7), 3, askLots: 600, secondLevelLots: 5000));
    }

    [Fact]
    public void The_gate_judges_the_calibrated_move_and_refuses_one_below_the_spread()
    {
        // A calibrator that has seen a long signal's onsets followed by +0.8 bps, then by +1.6 bps (1 s horizon and clock).
        static double Calibrated(double bps)
        {
            var c = new MoveCalibrator(1_000_000_000, new MoveCalibrationOptions { PriorSamples = 0, HalfLifeSamples = 1e9, SampleIntervalNs = 1_000_000_000 });
            double mid = 1_000_000;
            for (int k = 0; k < 20; k++)
            {
                bool onset = k % 2 == 0;
                c.OnDecision(k * 1_000_000_000L, mid, 0.3, onset ? 1 : 0, onset);
                if (onset) mid *= 1 + bps / 1e4;
            }
            return c.ExpectedMove(0.3, 1, onset: true);
        }
        double low = Calibrated(0.8), high = Calibrated(1.6);
        Assert.Equal(0.8, low, 6);
        Assert.Equal(1.6, high, 6);
        var options = Options(0);
        // 0.8 bps does not pay the two half-spreads (1.00005): refused, the spread named.
        var f = new RiskFixture(options, fees: Free);
        Assert.Equal(RiskVerdict.EdgeBelowSpread, f.Evaluate(SignalDirection.Long, 0.6f, out _, view: View(low)));
        // 1.6 bps: EV 0.59995 > 0.1: an IOC at the ask.
        var g = new RiskFixture(options, fees: Free);
        Assert.Equal(RiskVerdict.Accept, g.Evaluate(SignalDirection.Long, 0.6f, out var order, view: View(high)));
        Assert.Equal(OrderType.Ioc, order.Type);
        Assert.Equal(high - TwoHalfSpreads, g.Risk.LastEdge(0).TakerEvBps, 9);
    }
}
