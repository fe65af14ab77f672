using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;

namespace HftScalper.Training.Tests;

/// <summary>
/// A recording without a depth snapshot (the second Binance spot file: the first holds the only one) gives no sample
/// when read alone, and the error says why instead of a bare "no sample came out" (issue #19).
/// </summary>
public sealed class UnsyncedDatasetTests
{
    [RequiresDataFact]
    public void The_second_spot_file_alone_has_only_unsynced_decisions_and_the_message_names_the_cause()
    {
        var alone = ReplayDataset.Build([TestData.BinanceSpotBtcusdt[1]], SimulatorOptions.Default, 250_000_000);
        Assert.Equal(0, alone.Samples.Rows);
        Assert.True(alone.FollowedDecisions > 50_000, $"{alone.FollowedDecisions} decisions");
        Assert.Equal(alone.FollowedDecisions, alone.UnsyncedDecisions);
        Assert.Contains("had a synced depth book", alone.NoSamplesMessage);

        var both = ReplayDataset.Build(TestData.BinanceSpotBtcusdt, SimulatorOptions.Default, 250_000_000);
        Assert.True(both.Samples.Rows > 2_000, $"{both.Samples.Rows} samples");
        Assert.True(both.UnsyncedDecisions < 100, $"{both.UnsyncedDecisions} unsynced decisions");
        Assert.Equal($"no sample came out of {both.Description}", both.NoSamplesMessage);
    }
}
