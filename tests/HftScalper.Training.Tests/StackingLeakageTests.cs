using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.ML;

namespace HftScalper.Training.Tests;

/// <summary>
/// The stacking meta-learner must learn only from out-of-fold member predictions whose labels ended before the block
/// it is scored on. A market with no signal gets a planted time code (as in <see cref="LeakageTests"/>): members fitted
/// on it memorise their training rows (30 s labels sampled every second overlap heavily), so their in-sample
/// predictions look near perfect. A meta-learner fitted on those (the classic stacking leak) learns to trust the
/// members (and loses out of sample); the purged out-of-fold stack sees that they know nothing: no better than the
/// majority baseline in sample or out of sample.
/// </summary>
public sealed class StackingLeakageTests
{
    private static readonly GbmParameters Fast = new(31, 0.1, 5, 40, 0, 1.0, 0);

    [Fact]
    public void Meta_learner_fitted_out_of_fold_with_purging_does_not_see_the_planted_leak()
    {
        var b = SyntheticMarket.Build(1500, seed: 7, signal: 0);
        var data = new LabeledDataset(b.Samples, b.Decisions, [TimeSpan.FromSeconds(30)], new MoveThreshold(1, false));
        var labels = data.Horizons[0];
        data.Samples.SetColumn(1, [.. Enumerable.Range(0, data.Samples.Rows).Select(i => (float)i)]);
        var classes = labels.Classes.Where(c => c >= 0).ToArray();
        double majority = (double)classes.GroupBy(c => c).Max(g => g.Count()) / classes.Length;
        var ml = new MLContext(1);
        var options = new TrainingOptions { FixedParameters = Fast, MinRegimeSamples = 200, Horizon = TimeSpan.FromSeconds(30) };
        var trainer = new RegimeTrainer(ml, data, labels, options, SyntheticMarket.RegimeColumn);
        var blend = RegimeBlend.For(SyntheticMarket.Schema)!;
        var times = data.Samples.TimesNs;
        var folds = WalkForwardSplitter.Split(times, labels, new WalkForwardOptions { Folds = 4 });

        var outOfFold = new List<float[]>();
        var inSampleZ = new List<float>();
        var inSampleY = new List<int>();
        foreach (var f in folds)
        {
            var global = trainer.Direction(f.Train, Fast, false);
            var byRegime = trainer.RegimeModels(f.Train, Fast);
            outOfFold.Add(StackedEnsemble.Inputs(ml, Predictions.Direction(ml, global, data.Samples, f.Test), byRegime, blend, null, data.Samples, f.Test));
            if (f.Index == 0)
            {
                // The leak: members scoring the rows they were fitted on.
                inSampleZ.AddRange(StackedEnsemble.Inputs(ml, Predictions.Direction(ml, global, data.Samples, f.Train), byRegime, blend, null, data.Samples, f.Train));
                inSampleY.AddRange(f.Train.Select(r => labels.Classes[r]));
            }
        }

        // Purging: no meta row of fold k's learner has a label reaching into fold k's test block.
        for (int k = 1; k < folds.Count; k++)
        {
            long start = times[folds[k].Test[0]];
            var (_, y) = StackingTrainer.MetaRows(folds, outOfFold, labels, k, start);
            int candidates = folds.Take(k).Sum(f => f.Test.Length);
            Assert.True(y.Length < candidates, $"fold {k}: the rows whose 30 s label overlaps the test block must be purged");
            Assert.True(y.Length > candidates - 60, $"fold {k}: only those rows ({candidates - y.Length} purged)");
        }

        var honest = StackingTrainer.Run(folds, outOfFold, labels, times)!.Value;
        var honestMetrics = ModelTrainer.Metrics(honest.Probabilities, labels, honest.Rows, -1);
        var leakyMeta = MetaLearner.Fit([.. inSampleZ], [.. inSampleY], StackedEnsemble.MetaInputs);
        var leakyInSample = Accuracy(leakyMeta, [.. inSampleZ], [.. inSampleY]);
        var honestMetaZ = StackingTrainer.MetaRows(folds, outOfFold, labels, folds.Count, long.MaxValue);
        var honestInSample = Accuracy(honest.Final, honestMetaZ.Z, honestMetaZ.Y);
        var leakyProbs = new List<float>();
        for (int k = 1; k < folds.Count; k++)
            for (int i = 0; i < folds[k].Test.Length; i++)
            {
                var p = new float[3];
                leakyMeta.Predict(outOfFold[k].AsSpan(i * StackedEnsemble.MetaInputs, StackedEnsemble.MetaInputs), p);
                leakyProbs.AddRange(p);
            }
        var leakyMetrics = ModelTrainer.Metrics([.. leakyProbs], labels, honest.Rows, -1);

        Assert.True(leakyInSample > 0.85, $"the in-sample meta-learner should see the leak: {leakyInSample:0.000}");
        Assert.True(honestInSample < majority + 0.05, $"the out-of-fold meta-learner saw a leak: {honestInSample:0.000} vs majority {majority:0.000}");
        Assert.True(honestMetrics.Accuracy < majority + 0.05, $"stacked out of sample {honestMetrics.Summary()} vs majority {majority:0.000}");
        Assert.True(honestMetrics.Accuracy > leakyMetrics.Accuracy + 0.1, $"honest {honestMetrics.Summary()} vs in-sample-fitted {leakyMetrics.Summary()}: trusting the leaky members should cost accuracy out of sample");
    }

    private static double Accuracy(MetaLearner meta, float[] z, int[] y)
    {
        int right = 0;
        var p = new float[3];
        for (int i = 0; i < y.Length; i++)
        {
            meta.Predict(z.AsSpan(i * StackedEnsemble.MetaInputs, StackedEnsemble.MetaInputs), p);
            int best = p[1] >= p[0] && p[1] >= p[2] ? 1 : p[0] >= p[2] ? 0 : 2;
            if (best == y[i]) right++;
        }
        return (double)right / y.Length;
    }
}
