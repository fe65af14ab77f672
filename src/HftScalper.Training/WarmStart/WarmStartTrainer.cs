using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;

namespace HftScalper.Training.WarmStart;

/// <summary>One head's fine-tune: how many rows it saw, the trees it added, and its early-stopping log-loss before and after.</summary>
/// <param name="Head">move / upGivenMove (two-stage) or down / flat / up (one-vs-rest).</param>
/// <param name="Rows">Fitting rows.</param>
/// <param name="ValidRows">Early-stopping rows (0: none, every round is kept).</param>
/// <param name="Trees">Trees added (the best round; 0 = the base head unchanged).</param>
/// <param name="BaseLogLoss">Binary log-loss of the base head on the early-stopping rows (NaN without them).</param>
/// <param name="LogLoss">The same after the added trees.</param>
public sealed record WarmStartHead(string Head, int Rows, int ValidRows, int Trees, double BaseLogLoss, double LogLoss);

/// <summary>A base ensemble plus the trees a warm start added (raw logits = base + added).</summary>
public sealed class WarmStartModel
{
    internal WarmStartModel(BaseEnsemble baseModel, IReadOnlyList<TreeNode[]> added, IReadOnlyList<WarmStartHead> heads, double? moveLogitOffset = null)
    {
        Base = baseModel;
        Added = added;
        Heads = heads;
        MoveLogitOffset = moveLogitOffset ?? baseModel.MoveLogitOffset;
    }

    /// <summary>Two-stage: the offset in the move logit of the composed graph (the base's unless re-chosen, <see cref="WithMoveOffset"/>).</summary>
    public double MoveLogitOffset { get; }

    /// <summary>The same trees with the move logit's offset moved to <paramref name="offset"/>: one constant tree adds
    /// <c>offset − current</c> to the move column (the base's offset stays folded in its trees).</summary>
    public WarmStartModel WithMoveOffset(double offset)
    {
        if (Base.Form != DirectionForm.TwoStage) throw new InvalidOperationException("a move offset is for two-stage models");
        if (offset == MoveLogitOffset) return this;
        var leaf = new float[Base.Outputs];
        leaf[0] = (float)(offset - MoveLogitOffset);
        return new WarmStartModel(Base, [.. Added, [TreeNode.Leaf(leaf)]], Heads, offset);
    }

    /// <summary>The model it continues.</summary>
    public BaseEnsemble Base { get; }

    /// <summary>The trees added, each <see cref="BaseEnsemble.Outputs"/> wide with its value in its head's column.</summary>
    public IReadOnlyList<TreeNode[]> Added { get; }

    /// <summary>Per head.</summary>
    public IReadOnlyList<WarmStartHead> Heads { get; }

    /// <summary>P(down, flat, up) of rows <paramref name="rows"/>, three per row, as the composed graph computes them;
    /// <paramref name="moveShift"/> is added to the move logit (two-stage; −<see cref="MoveLogitOffset"/> gives the calibrated head).</summary>
    public float[] Predict(FeatureMatrix samples, int[] rows, double moveShift = 0)
    {
        int k = Base.Outputs;
        var logits = Base.Logits(samples, rows);
        var probabilities = new float[rows.Length * DirectionClass.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var o = logits.AsSpan(i * k, k);
            var x = samples.Row(rows[i]);
            foreach (var t in Added) Walk(t, x, o);
            o[0] += moveShift;
            BaseEnsemble.Probabilities(Base.Form, o, probabilities.AsSpan(i * DirectionClass.Count, DirectionClass.Count));
        }
        return probabilities;
    }

    private static void Walk(TreeNode[] tree, ReadOnlySpan<float> x, Span<double> o)
    {
        int n = 0;
        while (!tree[n].IsLeaf) n = x[tree[n].Feature] <= tree[n].Threshold ? tree[n].Left : tree[n].Right;
        var v = tree[n].LeafValues!;
        for (int k = 0; k < v.Length; k++) o[k] += v[k];
    }
}

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
public static class WarmStartTrainer
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
        $"objective=binary metric=binary_logloss boost_from_average=false num_leaves={p.Leaves} learning_rate={p.LearningRate:R} min_data_in_leaf={p.MinLeafSamples} lambda_l2={p.L2:R} feature_fraction={p.FeatureFraction:R} bagging_fraction=1 bagging_freq=0 max_bin=255 use_missing=false zero_as_missing=false feature_pre_filter=false seed={seed} deterministic=true force_row_wise=true num_threads=1 verbosity=-1");

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
