using HftScalper.Simulator;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Simulator.Tests;

/// <summary>One 5-minute BTCUSDT run measured once and shared by the calibration tests (keeps the suite fast).</summary>
public class SimulatedRun
{
    public SimulatedRun() : this(null)
    {
    }

    /// <summary>The same run with <paramref name="value"/> as the opt-in latent value (null: none).</summary>
    protected SimulatedRun(Model.LatentValue? value)
    {
        using var source = new MarketSimulatorSource(SimulatorOptions.For("btcusdt", TimeSpan.FromMinutes(5), seed: 42) with { LatentValue = value });
        Report = MarketStatistics.Measure(source);
    }

    public MarketStatisticsReport Report { get; }
}

/// <summary>The same 5-minute run with the calibrated latent value (<see cref="SimulatorOptions.LatentValue"/>).</summary>
public sealed class LatentValueRun : SimulatedRun
{
    public LatentValueRun() : base(Model.LatentValue.Calibrated)
    {
    }
}
