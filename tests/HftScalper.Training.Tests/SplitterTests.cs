using HftScalper.Training.Labels;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Tests;

public sealed class SplitterTests
{
    private static (long[] Times, HorizonLabels Labels) Grid(int n, long horizon)
    {
        var times = Enumerable.Range(0, n).Select(i => (long)i * 10).ToArray();
        var labels = new HorizonLabels(horizon, new int[n], new float[n], times.Select(t => t + horizon).ToArray(), new int[n]);
        return (times, labels);
    }

    [Fact]
    public void Walk_forward_trains_only_on_the_past_and_purges_labels_reaching_the_test_block()
    {
        var (times, labels) = Grid(1000, 35);
        var folds = WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 3, InitialTrainFraction = 0.4 });
        Assert.Equal(3, folds.Count);
        foreach (var f in folds)
        {
            Assert.All(f.Train, r => Assert.True(labels.EndTimesNs[r] < f.TestFromNs, $"fold {f.Index}: train row {r} label ends in the test block"));
            Assert.Equal(3, f.Purged); // horizon 35 over a 10 ns grid: the three samples before the block
            Assert.Equal(f.Test.Min() - 3, f.Train.Length);
        }
        Assert.Equal(1000 - 400, folds.Sum(f => f.Test.Length));
    }

    [Fact]
    public void Without_purge_the_last_training_labels_overlap_the_test_block()
    {
        var (times, labels) = Grid(1000, 35);
        var folds = WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 3, Purge = false });
        Assert.Contains(folds[0].Train, r => labels.EndTimesNs[r] >= folds[0].TestFromNs);
    }

    [Fact]
    public void Purged_k_fold_embargoes_samples_after_the_test_labels_end()
    {
        var (times, labels) = Grid(1000, 35);
        var folds = WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 4, Scheme = SplitScheme.PurgedKFold, EmbargoNs = 50 });
        var f = folds[1];
        long testLabelEnd = labels.EndTimesNs[f.Test[^1]];
        Assert.Contains(f.Train, r => times[r] > testLabelEnd + 50);
        Assert.DoesNotContain(f.Train, r => times[r] > f.TestToNs && times[r] <= testLabelEnd + 50);
        Assert.DoesNotContain(f.Train, r => times[r] <= testLabelEnd && labels.EndTimesNs[r] >= f.TestFromNs);
        Assert.Equal(5, f.Embargoed);
    }

    [Fact]
    public void Unlabelled_samples_never_enter_a_fold()
    {
        var (times, labels) = Grid(200, 15);
        labels.Classes[^1] = -1;
        labels.Classes[^2] = -1;
        var folds = WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 2 });
        Assert.DoesNotContain(folds.SelectMany(f => f.Train.Concat(f.Test)), r => r >= 198);
    }
}
