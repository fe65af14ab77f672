using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;

namespace HftScalper.Training.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Metrics_score_accuracy_moved_accuracy_recall_and_both_baselines()
    {
        // Four samples: truth up, down, flat, up; predictions up, flat, flat, down; persistence up, down, up, flat.
        float[] p =
        [
            0.1f, 0.2f, 0.7f,
            0.3f, 0.6f, 0.1f,
            0.2f, 0.5f, 0.3f,
            0.5f, 0.3f, 0.2f,
        ];
        int[] truth = [DirectionClass.Up, DirectionClass.Down, DirectionClass.Flat, DirectionClass.Up];
        int[] persistence = [DirectionClass.Up, DirectionClass.Down, DirectionClass.Up, DirectionClass.Flat];

        var m = DirectionMetrics.Compute(p, truth, persistence);

        Assert.Equal(4, m.Samples);
        Assert.Equal(0.5, m.Accuracy, 9);
        Assert.Equal(3, m.MovedSamples);
        Assert.Equal(1.0 / 3, m.MovedAccuracy, 9);
        Assert.Equal([0.0, 1.0, 0.5], m.PerClassRecall);
        Assert.Equal(DirectionClass.Up, m.MajorityClass);
        Assert.Equal(0.5, m.MajorityBaseline, 9);
        Assert.Equal(0.5, m.PersistenceBaseline, 9);
        Assert.Equal(2.0 / 3, m.PersistenceMovedAccuracy, 9);
        double logLoss = -(Math.Log(0.7) + Math.Log(0.3) + Math.Log(0.5) + Math.Log(0.2)) / 4;
        Assert.Equal(logLoss, m.LogLoss, 6);
        // F1: down 0 (no hit); flat precision 1/2 recall 1 -> 2/3; up precision 1 recall 1/2 -> 2/3.
        Assert.Equal((0 + 2.0 / 3 + 2.0 / 3) / 3, m.MacroF1, 9);
        Assert.Equal(4, m.Calibration.Sum(b => b.Samples));
        var json = m.ToJson();
        foreach (var key in new[] { "samples", "accuracy", "movedAccuracy", "macroF1", "majorityBaseline", "persistenceBaseline", "perClassRecall" })
            Assert.True(json.ContainsKey(key), key);
    }

    [Fact]
    public void Training_majority_overrides_the_evaluated_majority()
    {
        var m = DirectionMetrics.Compute(new float[] { 0, 1, 0, 0, 1, 0 }, [DirectionClass.Up, DirectionClass.Up], [DirectionClass.Flat, DirectionClass.Flat], DirectionClass.Flat);
        Assert.Equal(0.0, m.MajorityBaseline);
        Assert.Equal(DirectionClass.Flat, m.MajorityClass);
    }

    [Fact]
    public void Return_metrics_compare_rmse_with_the_zero_forecast()
    {
        var r = ReturnMetrics.Compute([1f, -1f, 2f, 0f], [2f, -2f, 2f, 0f]);
        Assert.Equal(Math.Sqrt(2.0 / 4), r.Rmse, 9);
        Assert.Equal(Math.Sqrt(12.0 / 4), r.ZeroForecastRmse, 9);
        Assert.Equal(1.0, r.SignAccuracy, 9);
    }
}
