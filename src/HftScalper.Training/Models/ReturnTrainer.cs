using HftScalper.Training.Data;
using HftScalper.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace HftScalper.Training.Models;

/// <summary>Trains <see cref="ReturnModel"/>s (LightGBM regression on the forward mid change in bps of the mid, L2 loss).</summary>
internal static class ReturnTrainer
{
    /// <summary>Trains on <paramref name="train"/> rows with targets indexed by sample row; early stops on <paramref name="valid"/>.</summary>
    public static ReturnModel Train(MLContext ml, FeatureMatrix samples, float[] targets, int[] train, int[]? valid, GbmParameters p, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(p);
        var options = new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = MatrixDataView.TargetColumn,
            FeatureColumnName = MatrixDataView.FeaturesColumn,
            NumberOfLeaves = p.Leaves,
            LearningRate = p.LearningRate,
            MinimumExampleCountPerLeaf = p.MinLeafSamples,
            NumberOfIterations = p.MaxIterations,
            UseCategoricalSplit = false,
            HandleMissingValue = false,
            Seed = seed,
            Deterministic = true,
            NumberOfThreads = 1,
            Silent = true,
            EarlyStoppingRound = valid is { Length: > 0 } ? p.EarlyStoppingRounds : 0,
            Booster = new GradientBooster.Options { L2Regularization = p.L2, FeatureFraction = p.FeatureFraction, MaximumTreeDepth = p.MaxDepth },
        };
        var trainer = ml.Regression.Trainers.LightGbm(options);
        var view = View(samples, targets, train);
        var fitted = valid is { Length: > 0 } ? trainer.Fit(view, View(samples, targets, valid)) : trainer.Fit(view);
        return new ReturnModel(fitted.Model.TrainedTreeEnsemble, fitted);
    }

    private static MatrixDataView View(FeatureMatrix samples, float[] targets, int[] rows)
    {
        var t = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++) t[i] = targets[rows[i]];
        return new MatrixDataView(samples.Buffer, samples.Width, rows, targets: t);
    }
}
