using HftScalper.Training.Data;
using HftScalper.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace HftScalper.Training.Models;

/// <summary>
/// Trains <see cref="DirectionModel"/>s with ML.NET's LightGBM binary trainer (one model per class, one-vs-rest).
/// Single-threaded and seeded, so the same data and parameters give the same trees.
/// </summary>
internal static class DirectionTrainer
{
    /// <summary>
    /// Trains on rows <paramref name="train"/> of <paramref name="samples"/> with classes <paramref name="classes"/>
    /// (indexed by sample row). When <paramref name="valid"/> is given (later rows than <paramref name="train"/>),
    /// boosting stops early once its log-loss stops improving.
    /// </summary>
    public static DirectionModel Train(MLContext ml, FeatureMatrix samples, int[] classes, int[] train, int[]? valid,
        GbmParameters p, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(p);
        var models = new BinaryTrees[DirectionClass.Count];
        for (int k = 0; k < DirectionClass.Count; k++)
        {
            var trainView = View(samples, classes, train, k);
            var options = new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = MatrixDataView.LabelColumn,
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
                Verbose = false,
                EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.Logloss,
                EarlyStoppingRound = valid is { Length: > 0 } ? p.EarlyStoppingRounds : 0,
                Booster = new GradientBooster.Options { L2Regularization = p.L2, FeatureFraction = p.FeatureFraction },
            };
            var trainer = ml.BinaryClassification.Trainers.LightGbm(options);
            var fitted = valid is { Length: > 0 } ? trainer.Fit(trainView, View(samples, classes, valid, k)) : trainer.Fit(trainView);
            var calibrated = fitted.Model;
            var platt = calibrated.Calibrator;
            models[k] = new BinaryTrees(calibrated.SubModel.TrainedTreeEnsemble, platt.Slope, platt.Offset, fitted);
        }
        return new DirectionModel(models, p);
    }

    private static MatrixDataView View(FeatureMatrix samples, int[] classes, int[] rows, int positive)
    {
        var labels = new bool[rows.Length];
        for (int i = 0; i < rows.Length; i++) labels[i] = classes[rows[i]] == positive;
        return new MatrixDataView(samples.Buffer, samples.Width, rows, labels);
    }
}
