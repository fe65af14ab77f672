using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;

namespace HftScalper.Training.WarmStart;

/// <summary>
/// Gradient warm start: LightGBM's binary objective continued from the base model's raw scores. Each head's rows get
/// the base head's logit as <c>init_score</c> (the two-stage move head without its folded offset, which stays in the
/// base trees, so the fine-tune does not learn the offset away), so the new trees fit what the base gets wrong on this
/// data; the exported model is the base's trees plus them (<see cref="BaseEnsemble.Compose"/>). Rounds stop early on
/// the last 20 % of the rows (purged) once their log-loss has not improved for <see cref="GbmParameters.EarlyStoppingRounds"/>
/// rounds, and the best round is kept — 0 rounds (the base unchanged) when none beats the base there. One thread,
/// <c>deterministic=true</c>, a fixed seed: the same rows and base give the same trees. Runs in the caller's thread
/// (<c>hft train</c>, or the <c>hft-adapt</c> worker), its native memory sized by the rows given.
/// </summary>
internal static class WarmStartTrainer
{
    private const double ValidFraction = 0.2;

    /// <summary>Fine-tunes <paramref name="baseModel"/> on rows <paramref name="rows"/> (labelled) of <paramref name="samples"/>.</summary>
    public static WarmStartModel Train(BaseEnsemble baseModel, FeatureMatrix samples, HorizonLabels labels, int[] rows, GbmParameters p, int seed)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(p);
        if (rows.Any(r => labels.Classes[r] < 0)) throw new ArgumentException("every row of a warm start is labelled", nameof(rows));
        var added = new List<TreeNode[]>();
        var heads = new List<WarmStartHead>();
        var classes = labels.Classes;
        if (baseModel.Form == DirectionForm.TwoStage)
        {
            int[] moved = [.. rows.Where(r => classes[r] != DirectionClass.Flat)];
            heads.Add(Head(baseModel, samples, labels, rows, 0, "move", r => classes[r] != DirectionClass.Flat, -baseModel.MoveLogitOffset, p, seed, added));
            heads.Add(Head(baseModel, samples, labels, moved, 1, "upGivenMove", r => classes[r] == DirectionClass.Up, 0, p, seed, added));
        }
        else
        {
            for (int k = 0; k < DirectionClass.Count; k++)
            {
                int positive = k;
                heads.Add(Head(baseModel, samples, labels, rows, k, DirectionClass.Names[k], r => classes[r] == positive, 0, p, seed, added));
            }
        }
        return new WarmStartModel(baseModel, added, heads);
    }

    /// <summary>The LightGBM parameters of a warm start (dataset and booster).</summary>
    internal static string Parameters(GbmParameters p, int seed) => FormattableString.Invariant(
        $"objective=binary metric=binary_logloss boost_from_average=false num_leaves={p.Leaves} learning_rate={p.LearningRate:R} min_data_in_leaf={p.MinLeafSamples} lambda_l2={p.L2:R} feature_fraction={p.FeatureFraction:R} bagging_fraction=1 bagging_freq=0 max_bin=255 use_missing=false zero_as_missing=false feature_pre_filter=false seed={seed} deterministic=true force_row_wise=true num_threads=1 verbosity=-1{(p.MaxDepth > 0 ? $" max_depth={p.MaxDepth}" : "")}");

    private static WarmStartHead Head(BaseEnsemble b, FeatureMatrix samples, HorizonLabels labels, int[] rows, int column, string name,
        Func<int, bool> positive, double initShift, GbmParameters p, int seed, List<TreeNode[]> added)
    {
        if (rows.Length == 0) return new WarmStartHead(name, 0, 0, 0, double.NaN, double.NaN);
        var (fit, valid) = EarlyStoppingSplit.Split(rows, samples.TimesNs, labels.EndTimesNs, ValidFraction);
        string parameters = Parameters(p, seed);
        using var train = Data(b, samples, fit, column, positive, initShift, parameters, null, out _, out _);
        using var booster = new LightGbmNative.Booster(train, parameters);
        LightGbmNative.Dataset? check = null;
        double baseLoss = double.NaN, bestLoss = double.NaN;
        try
        {
            if (valid.Length > 0)
            {
                check = Data(b, samples, valid, column, positive, initShift, parameters, train, out var y, out var s);
                booster.AddValid(check);
                baseLoss = bestLoss = LogLoss(y, s);
            }
            int rounds = 0, best = 0;
            while (rounds < p.MaxIterations && booster.Update())
            {
                rounds++;
                if (check is null) { best = rounds; continue; }
                double loss = booster.Eval(1);
                if (loss < bestLoss) { bestLoss = loss; best = rounds; }
                else if (p.EarlyStoppingRounds > 0 && rounds - best >= p.EarlyStoppingRounds) break;
            }
            if (best > 0) added.AddRange(LightGbmTextTrees.Parse(booster.ModelText(best), b.Outputs, column));
            return new WarmStartHead(name, fit.Length, valid.Length, best, baseLoss, bestLoss);
        }
        finally { check?.Dispose(); }
    }

    private static LightGbmNative.Dataset Data(BaseEnsemble b, FeatureMatrix samples, int[] rows, int column, Func<int, bool> positive, double initShift,
        string parameters, LightGbmNative.Dataset? reference, out float[] labels, out double[] init)
    {
        int w = samples.Width;
        var x = new float[rows.Length * w];
        labels = new float[rows.Length];
        init = new double[rows.Length];
        var logits = b.Logits(samples, rows);
        for (int i = 0; i < rows.Length; i++)
        {
            samples.Row(rows[i]).CopyTo(x.AsSpan(i * w, w));
            labels[i] = positive(rows[i]) ? 1 : 0;
            init[i] = logits[i * b.Outputs + column] + initShift;
        }
        return new LightGbmNative.Dataset(x, w, labels, init, parameters, reference);
    }

    // LightGBM's binary_logloss at the initial scores (sigmoid 1, probabilities clipped at 1e-15).
    private static double LogLoss(float[] y, double[] s)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double p = 1 / (1 + Math.Exp(-s[i]));
            sum -= Math.Log(Math.Max(1e-15, y[i] > 0 ? p : 1 - p));
        }
        return sum / y.Length;
    }
}
