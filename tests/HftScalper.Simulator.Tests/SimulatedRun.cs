using HftScalper.Simulator;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Simulator.Tests;

/// <summary>One 5-minute BTCUSDT run measured once and shared by the calibration tests (keeps the suite fast).</summary>
public sealed class SimulatedRun
{
    public SimulatedRun()
    {
        using var source = new MarketSimulatorSource(SimulatorOptions.For("btcusdt", TimeSpan.FromMinutes(5), seed: 42));
        Report = MarketStatistics.Measure(source);
    }

    public MarketStatisticsReport Report { get; }
}
