using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Calibration;
using HftScalper.Training.Data;

namespace HftScalper.Training.Tests;

/// <summary>
/// The simulator's predictive relationships against the real BTCUSDT feed of 2024-08-08 (the day its parameters were
/// chosen on), measured the same way (<see cref="PredictiveStatistics"/> on 250 ms feature rows, as
/// <c>hft calibrate</c> prints them), within the tolerances of the calibration table in src/HftScalper.Simulator/README.md.
/// The simulated run is the default replay's market (BTCUSDT, seed 1, 10 minutes), measured once.
/// </summary>
public sealed class PredictiveCalibrationTests(PredictiveCalibrationTests.SimulatedRun run) : IClassFixture<PredictiveCalibrationTests.SimulatedRun>
{
    // hft calibrate btcusdt_20240808.gz (1,385 samples): horizons 0.5/1/2/5/10 s, lags 1/2/5/10 s.
    internal static readonly double[] RealImbalance = [0.468, 0.435, 0.308, 0.173, 0.120];
    internal static readonly double[] RealOfi = [0.317, 0.322, 0.239, 0.112, 0.025];
    internal static readonly double[] RealTradeFlow = [0.071, 0.075, 0.048, -0.042, -0.022];
    internal static readonly double[] RealSweepContinuation = [0.893, 0.875, 0.766, 0.657, 0.618];
    internal static readonly double[] RealAutocorrelation = [-0.012, -0.008, -0.063, -0.056];
    internal const double RealFlatShare2s = 0.400;
    // Realised mid volatility (rms of the mid change from every 250 ms sample) at 2/10/30 s, bps.
    internal static readonly double[] RealVolatility = [1.618, 3.495, 5.950];

    private readonly PredictiveReport _sim = run.Report;

    /// <summary>One simulated run measured once for the class.</summary>
    public sealed class SimulatedRun
    {
        public SimulatedRun()
        {
            var data = ReplayDataset.Build([], SimulatorOptions.Default, 250_000_000, log: _ => { });
            Report = PredictiveStatistics.Measure(data);
        }

        public PredictiveReport Report { get; }
    }

    private static void Near(double real, double sim, double tolerance, string name) =>
        Assert.True(Math.Abs(sim - real) <= tolerance, $"{name}: simulated {sim:0.000} vs real {real:0.000} (tolerance ±{tolerance})");

    [Fact]
    public void Touch_imbalance_and_microprice_predict_the_mid_as_on_the_real_feed()
    {
        for (int h = 0; h < 3; h++)
        {
            Near(RealImbalance[h], _sim.SignalCorrelations[0][h], 0.2, $"L1 imbalance at {PredictiveStatistics.Horizons[h]} s");
            Near(RealImbalance[h], _sim.SignalCorrelations[3][h], 0.2, $"microprice at {PredictiveStatistics.Horizons[h]} s");
            Near(RealOfi[h], _sim.SignalCorrelations[1][h], 0.15, $"OFI at {PredictiveStatistics.Horizons[h]} s");
        }
        // The edge fades with the horizon, as on the real feed.
        Assert.True(_sim.SignalCorrelations[0][0] > _sim.SignalCorrelations[0][3], "L1 imbalance: 0.5 s edge above the 5 s edge");
    }

    [Fact]
    public void Trade_flow_carries_far_less_than_the_touch_imbalance()
    {
        // Before: metaorders and makers' skew made the signed trade flow nearly as predictive as the queues (0.275 vs
        // 0.301 at 1 s); on the real feed it is weak (0.075 vs 0.435), and a model that leans on it does not transfer.
        for (int h = 0; h < 3; h++)
            Near(RealTradeFlow[h], _sim.SignalCorrelations[2][h], 0.1, $"trade-flow imbalance at {PredictiveStatistics.Horizons[h]} s");
        Assert.True(_sim.SignalCorrelations[0][1] - _sim.SignalCorrelations[2][1] > 0.1, "L1 imbalance well above trade flow at 1 s");
    }

    [Fact]
    public void Returns_do_not_trend_over_seconds()
    {
        // Real: slight mean reversion at 5-10 s. Before: momentum (+0.011, +0.034) from seconds-long metaorders.
        for (int k = 2; k < 4; k++)
            Assert.InRange(_sim.ReturnAutocorrelations[k], RealAutocorrelation[k] - 0.35, 0.0);
        for (int k = 0; k < 2; k++)
            Near(RealAutocorrelation[k], _sim.ReturnAutocorrelations[k], 0.1, $"autocorrelation at {PredictiveStatistics.Lags[k]} s");
    }

    [Fact]
    public void Flat_share_and_sweeps_behave_as_on_the_real_feed()
    {
        Near(RealFlatShare2s, _sim.FlatShare2s, 0.1, "flat share at 2 s");
        Assert.True(_sim.Sweeps > 100, $"{_sim.Sweeps} sweeps");
        for (int h = 0; h < 3; h++)
            Near(RealSweepContinuation[h], _sim.SweepContinuation[h], 0.15, $"sweep continuation at {PredictiveStatistics.Horizons[h]} s");
    }

    [RequiresDataFact]
    public void Real_day_measures_as_documented()
    {
        var data = ReplayDataset.Build([TestData.BinanceSpotBtcusdt[0]], SimulatorOptions.Default, 250_000_000, log: _ => { });
        var real = PredictiveStatistics.Measure(data);

        Assert.Equal(1385, real.Samples);
        Near(RealFlatShare2s, real.FlatShare2s, 0.001, "flat share");
        for (int h = 0; h < 5; h++)
        {
            Near(RealImbalance[h], real.SignalCorrelations[0][h], 0.001, "L1 imbalance");
            Near(RealTradeFlow[h], real.SignalCorrelations[2][h], 0.001, "trade flow");
            Near(RealSweepContinuation[h], real.SweepContinuation[h], 0.001, "sweep continuation");
        }
        for (int k = 0; k < 4; k++) Near(RealAutocorrelation[k], real.ReturnAutocorrelations[k], 0.001, "autocorrelation");
        for (int v = 0; v < 3; v++) Near(RealVolatility[v], real.RealisedVolatilityBps[v], 0.001, "volatility");
    }

    [Fact]
    public void Realised_volatility_is_measured_and_grows_with_the_horizon()
    {
        // The simulator's known gap (#16, README #17): its 30 s volatility is several times below the real feed's. This
        // test checks the measurement itself; the gap is reported, not asserted.
        Assert.Equal(3, _sim.RealisedVolatilityBps.Count);
        for (int v = 0; v < 3; v++)
        {
            Assert.True(_sim.RealisedVolatilityBps[v] > 0, $"volatility at {PredictiveStatistics.VolatilityHorizons[v]} s");
            Assert.True(_sim.MeanAbsoluteMoveBps[v] <= _sim.RealisedVolatilityBps[v] + 1e-12, "mean |move| <= rms");
        }
        Assert.True(_sim.RealisedVolatilityBps[0] < _sim.RealisedVolatilityBps[2], "2 s below 30 s");
    }

    [Fact]
    public void Spearman_ranks_ties_and_sees_a_monotone_relation()
    {
        double[] x = [1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] y = [.. x.Select(v => v * v * v)];

        Assert.Equal(1.0, PredictiveStatistics.Spearman(x, y), 9);
        Assert.Equal(-1.0, PredictiveStatistics.Spearman(x, [.. y.Select(v => -v)]), 9);
        Assert.True(double.IsNaN(PredictiveStatistics.Spearman([1, 2, 3], [1, 2, 3])));
    }
}
