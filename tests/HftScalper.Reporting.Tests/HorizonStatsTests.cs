using HftScalper.Engine.Outcomes;


namespace HftScalper.Reporting.Tests;

public sealed class HorizonStatsTests
{
    private static HorizonStats FourCases()
    {
        var stats = new HorizonStats(5_000_000_000, calibrationBins: 10);
        stats.Add(0.72f, 0.18f, 0.10f, DirectionClass.Down, -2, 0); // predicted down, right, bin 7
        stats.Add(0.10f, 0.27f, 0.63f, DirectionClass.Down, -1, 1); // predicted up, wrong, bin 6
        stats.Add(0.20f, 0.55f, 0.25f, DirectionClass.Flat, 0, 2);  // predicted flat, right, bin 5
        stats.Add(0.05f, 0.10f, 0.85f, DirectionClass.Up, 3, 3);    // predicted up, right, bin 8
        return stats;
    }

    [Fact]
    public void Accuracy_beats_the_majority_baseline_by_hand()
    {
        var stats = FourCases();

        Assert.Equal(4, stats.Labelled);
        Assert.Equal(0.75, stats.Accuracy, 12);
        Assert.Equal(DirectionClass.Down, stats.MajorityClass);
        Assert.Equal(0.5, stats.BaselineAccuracy, 12);
        Assert.Equal(2.0 / 3.0, stats.DirectionalPrecision, 12);
        Assert.Equal(1, stats.Confusion(DirectionClass.Up, DirectionClass.Down));
        Assert.Equal(1, stats.Predicted(DirectionClass.Down));
        Assert.Equal(2, stats.Predicted(DirectionClass.Up));
        Assert.Equal(0.0, stats.MeanMoveTicks, 12);
    }

    [Fact]
    public void Calibration_bins_hold_mean_confidence_and_realised_frequency()
    {
        var stats = FourCases();

        Assert.Equal(1, stats.BinCount(7));
        Assert.Equal(0.72, stats.BinMeanConfidence(7), 6);
        Assert.Equal(1.0, stats.BinAccuracy(7));
        Assert.Equal(1, stats.BinCount(6));
        Assert.Equal(0.0, stats.BinAccuracy(6));
        Assert.Equal(0, stats.BinCount(0));
        Assert.Equal(0, stats.BinAccuracy(0));
        Assert.Equal((0.28 + 0.63 + 0.45 + 0.15) / 4, stats.ExpectedCalibrationError, 6);
    }

    [Fact]
    public void Brier_and_log_loss_by_hand()
    {
        var stats = FourCases();

        double brier = (0.28 * 0.28 + 0.18 * 0.18 + 0.10 * 0.10)
                     + (0.90 * 0.90 + 0.27 * 0.27 + 0.63 * 0.63)
                     + (0.20 * 0.20 + 0.45 * 0.45 + 0.25 * 0.25)
                     + (0.05 * 0.05 + 0.10 * 0.10 + 0.15 * 0.15);
        double logLoss = -(Math.Log(0.72) + Math.Log(0.10) + Math.Log(0.55) + Math.Log(0.85));
        Assert.Equal(brier / 4, stats.Brier, 6);
        Assert.Equal(logLoss / 4, stats.LogLoss, 6);
    }

    [Fact]
    public void Full_confidence_lands_in_the_top_bin()
    {
        var stats = new HorizonStats(1, calibrationBins: 10);

        stats.Add(0, 0, 1, DirectionClass.Up, 1, 0);

        Assert.Equal(1, stats.BinCount(9));
    }
}
