using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.ML;

namespace HftScalper.Training.Tests;

/// <summary>
/// Plants leaking features into a market with no real signal (so the honest accuracy is the majority baseline) and
/// checks that the validation exposes them. Labels at a 30 s horizon sampled every second overlap heavily, which is
/// what makes leaks possible: neighbouring samples share most of their future.
/// </summary>
public sealed class LeakageTests
{
    private static readonly GbmParameters Fast = new(31, 0.1, 5, 40, 0, 1.0, 0);

    private static (LabeledDataset Data, HorizonLabels Labels, double Majority) Market(Func<LabeledDataset, HorizonLabels, int, float> planted)
    {
        var b = SyntheticMarket.Build(1500, seed: 7, signal: 0);
        var data = new LabeledDataset(b.Samples, b.Decisions, [TimeSpan.FromSeconds(30)], new MoveThreshold(1, false));
        var labels = data.Horizons[0];
        var column = new float[data.Samples.Rows];
        for (int i = 0; i < column.Length; i++) column[i] = planted(data, labels, i);
        data.Samples.SetColumn(1, column);
        var classes = labels.Classes.Where(c => c >= 0).ToArray();
        double majority = (double)classes.GroupBy(c => c).Max(g => g.Count()) / classes.Length;
        return (data, labels, majority);
    }

    // Pooled accuracy over the folds, out of sample (and in sample on the same fitted models).
    private static (double OutOfSample, double InSample) Accuracy(LabeledDataset data, HorizonLabels labels, IEnumerable<Fold> folds)
    {
        var ml = new MLContext(1);
        double oos = 0, ins = 0;
        int nOos = 0, nIns = 0;
        foreach (var f in folds)
        {
            var set = new RegimeSet<DirectionModel>(DirectionTrainer.Train(ml, data.Samples, labels.Classes, f.Train, null, Fast, 1), [null, null, null], -1);
            var test = ModelTrainer.Metrics(Predictions.Direction(ml, set, data.Samples, f.Test), labels, f.Test, -1);
            var train = ModelTrainer.Metrics(Predictions.Direction(ml, set, data.Samples, f.Train), labels, f.Train, -1);
            oos += test.Accuracy * test.Samples; nOos += test.Samples;
            ins += train.Accuracy * train.Samples; nIns += train.Samples;
        }
        return (oos / nOos, ins / nIns);
    }

    [Fact]
    public void Look_ahead_feature_shines_in_sample_and_on_a_shuffled_split_but_collapses_walk_forward()
    {
        // The planted feature is the mid at t + horizon: half of the label, read from the future.
        var (data, labels, majority) = Market((d, l, i) => float.IsNaN(l.ForwardTicks[i]) ? 0 : (float)(d.Samples.MidTicks[i] + l.ForwardTicks[i]));
        var times = data.Samples.TimesNs;

        var walk = Accuracy(data, labels, WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 3 }));
        var shuffled = Accuracy(data, labels, WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 3, Scheme = SplitScheme.Shuffled }));

        Assert.True(walk.InSample > 0.85, $"in-sample accuracy {walk.InSample:0.000}");
        Assert.True(walk.OutOfSample < majority + 0.05, $"walk-forward {walk.OutOfSample:0.000} vs majority {majority:0.000}: the leak should collapse");
        Assert.True(shuffled.OutOfSample > walk.OutOfSample + 0.07, $"shuffled split {shuffled.OutOfSample:0.000} vs walk-forward {walk.OutOfSample:0.000}: a time-blind split should leak");
    }

    [Fact]
    public void A_split_without_purge_leaks_through_overlapping_labels()
    {
        // The planted feature only tells the time, so a model can look up the labels of training neighbours whose
        // horizon overlaps the test sample's: purging removes exactly those neighbours.
        var (data, labels, majority) = Market((_, _, i) => i);
        var options = new WalkForwardOptions { Folds = 50, Scheme = SplitScheme.PurgedKFold, EmbargoNs = 0 };
        var times = data.Samples.TimesNs;
        var purged = WalkForwardSplitter.Split(times, labels, options).Where(f => f.Index % 8 == 3);
        var leaky = WalkForwardSplitter.Split(times, labels, options with { Purge = false }).Where(f => f.Index % 8 == 3);

        double purgedOos = Accuracy(data, labels, purged).OutOfSample;
        double leakyOos = Accuracy(data, labels, leaky).OutOfSample;

        Assert.True(leakyOos > purgedOos + 0.2, $"unpurged {leakyOos:0.000} should beat purged {purgedOos:0.000} through the leak");
        Assert.True(purgedOos < majority + 0.05, $"purged {purgedOos:0.000} vs majority {majority:0.000}");
    }
}
