using HftScalper.Simulator.Statistics;
using HftScalper.Tests.Shared;

namespace HftScalper.Simulator.Tests;

/// <summary>
/// The simulator's statistics against the real recording's, each within the tolerance README.md states. Where
/// the model does not reach the real figure (1 s mid volatility) the test pins the range the model does reproduce,
/// so a regression is still caught.
/// </summary>
public class CalibrationTests(SimulatedRun run) : IClassFixture<SimulatedRun>
{
    private readonly MarketStatisticsReport _sim = run.Report;

    /// <summary>Relative tolerance of the mean spread (±50 %).</summary>
    protected virtual double SpreadMeanTolerance => 0.5;

    private static void Near(double real, double sim, double relTolerance, string name) =>
        Assert.True(Math.Abs(sim - real) <= relTolerance * real, $"{name}: simulated {sim:G4} vs real {real:G4} (tolerance ±{relTolerance:P0})");

    [Fact]
    public void Event_rates_match_the_real_feed()
    {
        Near(RealBtcusdt.DiffRate, _sim.DiffRate, 0.05, "depth diffs/s");
        Near(RealBtcusdt.UpdateIdRate, _sim.UpdateIdRate, 0.25, "update ids/s");
        Near(RealBtcusdt.LevelsPerDiff, _sim.LevelsPerDiff, 0.35, "levels per diff");
        Near(RealBtcusdt.BookTickerRate, _sim.BookTickerRate, 0.5, "bookTicker/s");
        // Market orders run on their own strongly self-exciting clock: a 5-minute window varies ±40% between seeds.
        Near(RealBtcusdt.TradeRate, _sim.TradeRate, 0.5, "trades/s");
    }

    [Fact]
    public void Spread_sits_mostly_at_one_tick_and_sometimes_opens()
    {
        Near(RealBtcusdt.SpreadOneTickShare, _sim.SpreadOneTickShare, 0.1, "share of one-tick spreads");
        // The mean is dominated by sweeps that clear a touch and open the spread to the sparse level behind it.
        Near(RealBtcusdt.SpreadMeanTicks, _sim.SpreadMeanTicks, SpreadMeanTolerance, "mean spread");
    }

    [Fact]
    public void Depth_profile_concentrates_at_the_best_level()
    {
        Near(RealBtcusdt.Depth1, _sim.Depth1, 0.5, "depth top 1");
        Near(RealBtcusdt.Depth5, _sim.Depth5, 0.5, "depth top 5");
        Near(RealBtcusdt.Depth10, _sim.Depth10, 0.5, "depth top 10");
        Assert.True(_sim.Depth1 / _sim.Depth10 > 0.4, "the best level holds a large share of the top 10");
    }

    [Fact]
    public void Trade_sizes_are_heavy_tailed_like_the_real_ones()
    {
        Near(RealBtcusdt.TradeSizeMedian, _sim.TradeSizeMedian, 0.5, "median trade size");
        Near(RealBtcusdt.TradeSizeP90, _sim.TradeSizeP90, 0.4, "p90 trade size");
        Assert.True(_sim.TradeSizeP90 / _sim.TradeSizeMedian > 10, "p90 is over ten times the median");
    }

    [Fact]
    public void Counts_are_bursty_not_poisson()
    {
        // A Poisson stream has Fano factor 1; the real feed is far above it (116 trades, 81 bookTickers). The
        // activity regime and sweep-triggered bursts bring the model within a factor of ~2.5 of both.
        Assert.InRange(_sim.TradeFano1s, RealBtcusdt.TradeFano1s / 4, RealBtcusdt.TradeFano1s * 2.5);
        Assert.InRange(_sim.BookTickerFano1s, RealBtcusdt.BookTickerFano1s / 3, RealBtcusdt.BookTickerFano1s * 2.5);
    }

    [Fact]
    public void Mid_price_moves_at_a_realistic_pace()
    {
        Near(RealBtcusdt.MidChangeRate, _sim.MidChangeRate, 1.0, "mid changes/s");
        // Not matched: the real 770 ticks come from cascades of sweeps through a sparse book; the model reaches ~1/4.
        Assert.InRange(_sim.MidVolatility1sTicks, 100, RealBtcusdt.MidVolatility1sTicks * 1.5);
    }

    [Fact]
    public void Order_flow_imbalance_predicts_the_next_mid_move()
    {
        // One-sided binomial test against a coin flip: z > 10 is far beyond chance at these sample sizes.
        double p = _sim.ImbalanceHitRate, n = _sim.ImbalanceSamples;
        double z = (p - 0.5) / Math.Sqrt(0.25 / n);
        Assert.True(n > 10_000, $"{n} samples");
        Assert.True(z > 10, $"hit rate {p:P1} over {n} samples, z = {z:F1}");
        Assert.InRange(p, 0.55, 0.9);
    }

    [Fact]
    public void Imbalance_edge_holds_at_the_one_second_horizon()
    {
        // Sampled every 100 ms: overlapping windows, so no z-score; real 78 %. The 10 s rate (real 58.6 %, the
        // simulator 53-66 % depending on the seed over 5 minutes) is reported in README.md, not asserted.
        Assert.True(_sim.ImbalanceSamples1s > 500, $"{_sim.ImbalanceSamples1s} samples");
        Assert.InRange(_sim.ImbalanceHitRate1s, 0.6, 0.9);
        Assert.True(_sim.ImbalanceSamples10s > 500, $"{_sim.ImbalanceSamples10s} samples");
    }

    [RequiresDataFact]
    public void Real_recording_measures_as_documented()
    {
        var real = MarketStatistics.MeasureFiles(TestData.BinanceSpotBtcusdt);

        Assert.Equal(0, real.Gaps);
        Assert.Equal(0, real.Crossed);
        Assert.Equal(1072, real.TickersChecked);
        Assert.Equal(0, real.TickersMismatched);
        Near(RealBtcusdt.SpreadOneTickShare, real.SpreadOneTickShare, 0.01, "real one-tick share");
        Near(RealBtcusdt.SpreadMeanTicks, real.SpreadMeanTicks, 0.01, "real spread");
        Near(RealBtcusdt.Depth1, real.Depth1, 0.01, "real depth 1");
        Near(RealBtcusdt.Depth10, real.Depth10, 0.01, "real depth 10");
        Near(RealBtcusdt.UpdateIdRate, real.UpdateIdRate, 0.01, "real update ids/s");
        Near(RealBtcusdt.BookTickerRate, real.BookTickerRate, 0.01, "real bookTicker/s");
        Near(RealBtcusdt.TradeRate, real.TradeRate, 0.01, "real trades/s");
        Near(RealBtcusdt.TradeSizeP90, real.TradeSizeP90, 0.01, "real p90 size");
        Near(RealBtcusdt.TradeFano1s, real.TradeFano1s, 0.01, "real trade Fano");
        Near(RealBtcusdt.ImbalanceHitRate, real.ImbalanceHitRate, 0.01, "real hit rate");
        Near(RealBtcusdt.ImbalanceHitRate1s, real.ImbalanceHitRate1s, 0.01, "real 1 s hit rate");
        Near(RealBtcusdt.ImbalanceHitRate10s, real.ImbalanceHitRate10s, 0.01, "real 10 s hit rate");
        Near(RealBtcusdt.MidVolatility1sTicks, real.MidVolatility1sTicks, 0.01, "real 1 s volatility");
        Near(RealBtcusdt.BookTickerFano1s, real.BookTickerFano1s, 0.01, "real bookTicker Fano");
    }
}

/// <summary>The same marginal tolerances with the opt-in latent value on: makers following a drifting value must not
/// move the book's shape, rates, sizes or burstiness out of calibration. The mean spread is held to the same ±50 % as
/// without the option (it was 65 ticks against 19.1 before session 16: sweeps published a bookTicker per level they
/// cleared, each with the spread opened so far, and dust anchored at the value was clamped into the spread; README of the
/// simulator, "Move sizes").</summary>
public sealed class LatentValueCalibrationTests(LatentValueRun run) : CalibrationTests(run), IClassFixture<LatentValueRun>;
