using HftScalper.Training.Data;
using HftScalper.Training.MlNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace HftScalper.Training.Models;

/// <summary>
/// Trains <see cref="DirectionModel"/>s with ML.NET's LightGBM binary trainer: one head per class (one-vs-rest), or
/// the two heads of <see cref="DirectionForm.TwoStage"/>. Single-threaded and seeded, so the same data and
/// parameters give the same trees.
/// </summary>
internal static class DirectionTrainer
{
    /// <summary>
    /// Trains on rows <paramref name="train"/> of <paramref name="samples"/> with classes <paramref name="classes"/>
    /// (indexed by sample row). When <paramref name="valid"/> is given (later rows than <paramref name="train"/>),
    /// boosting stops early once its log-loss stops improving. A two-stage model's direction head is fitted (and early
    /// stopped) on the rows of <paramref name="train"/> (and <paramref name="valid"/>) whose class is not flat.
    /// </summary>
    public static DirectionModel Train(MLContext ml, FeatureMatrix samples, int[] classes, int[] train, int[]? valid,
        GbmParameters p, int seed, DirectionForm form = DirectionForm.OneVsRest)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(p);
        if (form == DirectionForm.TwoStage)
        {
            var movedTrain = Moved(classes, train);
            if (movedTrain.Length == 0) throw new InvalidOperationException("a two-stage model needs samples that moved: every training sample is flat");
            var movedValid = valid is null ? null : Moved(classes, valid);
            return new DirectionModel(
            [
                Head(ml, samples, train, valid, r => classes[r] != DirectionClass.Flat, p, seed),
                Head(ml, samples, movedTrain, movedValid, r => classes[r] == DirectionClass.Up, p, seed),
            ], p, DirectionForm.TwoStage);
        }
        var models = new BinaryTrees[DirectionClass.Count];
        for (int k = 0; k < DirectionClass.Count; k++)
        {
            int positive = k;
            models[k] = Head(ml, samples, train, valid, r => classes[r] == positive, p, seed);
        }
        return new DirectionModel(models, p);
    }

    private static int[] Moved(int[] classes, int[] rows) => [.. rows.Where(r => classes[r] != DirectionClass.Flat)];

    private static BinaryTrees Head(MLContext ml, FeatureMatrix samples, int[] train, int[]? valid, Func<int, bool> positive, GbmParameters p, int seed)
    {
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
            Booster = new GradientBooster.Options { L2Regularization = p.L2, FeatureFraction = p.FeatureFraction, MaximumTreeDepth = p.MaxDepth },
        };
        var trainer = ml.BinaryClassification.Trainers.LightGbm(options);
        var trainView = View(samples, train, positive);
        Microsoft.ML.Data.BinaryPredictionTransformer<Microsoft.ML.Calibrators.CalibratedModelParametersBase<LightGbmBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>> fitted;
        try
        {
            fitted = valid is { Length: > 0 } ? trainer.Fit(trainView, View(samples, valid, positive)) : trainer.Fit(trainView);
        }
        catch (ArgumentNullException e) when (e.ParamName == "items")
        {
            // ML.NET's tree wrapper (RegressionTreeBase) throws this on a LightGBM tree with a single leaf.
            throw new NoSplitException($"LightGBM grew a tree with no split on {train.Length} rows ({p}): too few rows for at least {p.MinLeafSamples} per leaf (more data, or the defaults: hft train --budget 0)");
        }
        var calibrated = fitted.Model;
        var platt = calibrated.Calibrator;
        return new BinaryTrees(calibrated.SubModel.TrainedTreeEnsemble, platt.Slope, platt.Offset, fitted);
    }

    private static MatrixDataView View(FeatureMatrix samples, int[] rows, Func<int, bool> positive)
    {
        var labels = new bool[rows.Length];
        for (int i = 0; i < rows.Length; i++) labels[i] = positive(rows[i]);
        return new MatrixDataView(samples.Buffer, samples.Width, rows, labels);
    }
}
