using HftScalper.Simulator;
using HftScalper.Simulator.Model;
using HftScalper.Training.Calibration;
using HftScalper.Training.Data;
using Real = HftScalper.Training.Tests.PredictiveCalibrationTests;

namespace HftScalper.Training.Tests;

/// <summary>
/// How far the simulated mid moves (rms of the mid change from every 250 ms sample at 2 / 10 / 30 s, and its growth from
/// 10 to 30 s) against the real BTCUSDT feed of 2024-08-08 (the only day the tolerances and the latent value's settings
/// were chosen on), with the opt-in latent value (<see cref="SimulatorOptions.LatentValue"/>) on the default replay's
/// market (BTCUSDT, seed 1, 10 minutes); and the predictive calibration of <see cref="PredictiveCalibrationTests"/> with
/// it on. The simulator without the option fails the move-size rows (0.63 / 1.22 / 1.43 bps, growth 1.17).
/// </summary>
public sealed class MoveSizeCalibrationTests(MoveSizeCalibrationTests.LatentValueRun run) : IClassFixture<MoveSizeCalibrationTests.LatentValueRun>
{
    // A random walk grows by sqrt(3) = 1.73 from 10 to 30 s; the real 08-08 feed by 1.70, the simulator without the
    // option by 1.17 (it mean-reverts). 10 minutes hold only twenty 30 s windows: the tolerances allow for that.
    private const double RealGrowth30Over10 = 5.950 / 3.495;
    private const double RmsTolerance = 0.35, GrowthLow = 1.35, GrowthHigh = 2.05;

    private readonly PredictiveReport _sim = run.Report;

    /// <summary>The default replay's market with the calibrated latent value, measured once.</summary>
    public sealed class LatentValueRun
    {
        public LatentValueRun()
        {
            var options = SimulatorOptions.Default with { LatentValue = LatentValue.Calibrated };
            Report = PredictiveStatistics.Measure(ReplayDataset.Build([], options, 250_000_000, log: _ => { }));
        }

        public PredictiveReport Report { get; }
    }

    private static void Near(double real, double sim, double tolerance, string name) =>
        Assert.True(Math.Abs(sim - real) <= tolerance, $"{name}: simulated {sim:0.000} vs real {real:0.000} (tolerance ±{tolerance})");

    [Fact]
    public void Mid_moves_as_far_as_on_the_real_feed_at_2_10_and_30_s()
    {
        for (int v = 0; v < 3; v++)
        {
            double real = Real.RealVolatility[v], sim = _sim.RealisedVolatilityBps[v];
            Assert.True(Math.Abs(sim / real - 1) <= RmsTolerance,
                $"rms move at {PredictiveStatistics.VolatilityHorizons[v]} s: simulated {sim:0.00} bps vs real {real:0.00} (tolerance ±{RmsTolerance:P0})");
        }
    }

    [Fact]
    public void Mid_keeps_moving_from_10_to_30_s_like_a_random_walk()
    {
        double growth = _sim.RealisedVolatilityBps[2] / _sim.RealisedVolatilityBps[1];
        Assert.True(growth >= GrowthLow && growth <= GrowthHigh,
            $"rms growth 30 s / 10 s: simulated {growth:0.00} vs real {RealGrowth30Over10:0.00} (tolerance [{GrowthLow}, {GrowthHigh}])");
    }

    [Fact]
    public void Predictive_calibration_holds_with_the_latent_value()
    {
        for (int h = 0; h < 3; h++)
        {
            string at = $" at {PredictiveStatistics.Horizons[h]} s";
            Near(Real.RealImbalance[h], _sim.SignalCorrelations[0][h], 0.2, "L1 imbalance" + at);
            Near(Real.RealImbalance[h], _sim.SignalCorrelations[3][h], 0.2, "microprice" + at);
            Near(Real.RealOfi[h], _sim.SignalCorrelations[1][h], 0.15, "OFI" + at);
            Near(Real.RealTradeFlow[h], _sim.SignalCorrelations[2][h], 0.1, "trade flow" + at);
        }
        Assert.True(_sim.SignalCorrelations[0][1] - _sim.SignalCorrelations[2][1] > 0.1, "L1 imbalance well above trade flow at 1 s");
        Assert.True(_sim.SignalCorrelations[0][0] > _sim.SignalCorrelations[0][3], "the L1 edge decays from 0.5 s to 5 s");
        Near(Real.RealFlatShare2s, _sim.FlatShare2s, 0.1, "flat share at 2 s");
    }

    [Fact]
    public void Mid_neither_reverts_nor_trends_at_1_and_2_s()
    {
        // The real feed's 1-2 s returns are uncorrelated (-0.012, -0.008); the predictive table's tolerance is ±0.1. Before
        // session 16 the option gave -0.23 at both lags: anchored dust clamped into the spread and jumps through the thinned
        // side overshooting the value, both filled back (README of the simulator, "Move sizes").
        for (int k = 0; k < 2; k++)
            Near(Real.RealAutocorrelation[k], _sim.ReturnAutocorrelations[k], 0.1, $"return autocorrelation at {PredictiveStatistics.Lags[k]} s");
    }

    [Fact]
    public void Longer_lag_autocorrelation_stays_near_the_real_one()
    {
        // 10 minutes hold about sixty 10 s windows: a correlation's sampling error is ~0.13 there, hence ±0.2.
        for (int k = 2; k < 4; k++)
            Near(Real.RealAutocorrelation[k], _sim.ReturnAutocorrelations[k], 0.2, $"return autocorrelation at {PredictiveStatistics.Lags[k]} s");
    }

    [Fact]
    public void Sweeps_continue_more_often_than_not_a_known_gap_at_short_horizons()
    {
        // Not matched at 0.5-1 s on this run (README of the simulator): 0.74 / 0.69 against the real 0.89 / 0.88 (±0.15 in
        // the predictive table); seeds 2-4 give 0.80-0.88 / 0.72-0.78. Makers refreshing at the value take back the part
        // of a jump that ran beyond it. Pinned so that it gets no worse unnoticed; 2 s is inside the table's tolerance.
        for (int h = 0; h < 2; h++)
            Assert.InRange(_sim.SweepContinuation[h], 0.65, 1.0);
        Near(Real.RealSweepContinuation[2], _sim.SweepContinuation[2], 0.15, "sweep continuation at 2 s");
    }
}
