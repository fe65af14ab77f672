using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Search;
using HftScalper.Training.Validation;
using Microsoft.ML;

namespace HftScalper.Training.Pipeline;

/// <summary>
/// Trains and validates: (1) random search over LightGBM parameters, each scored by the mean out-of-sample
/// log-loss of the global direction model over the walk-forward folds (purged, embargoed, early stopping inside each
/// training window); (2) with the best parameters, per fold: the global model, the regime ensemble and the return
/// regressor, scored out of sample; (3) the regime ensemble is kept only if its pooled out-of-sample log-loss beats
/// the global model's; (4) the final models are fitted on all labelled samples.
/// </summary>
internal sealed class ModelTrainer(TrainingOptions options, Action<string>? log = null, Action<TrainingStep>? progress = null,
    CancellationToken cancel = default)
{
    private readonly Action<string> _log = log ?? (_ => { });
    private readonly Action<TrainingStep> _progress = progress ?? (_ => { });

    /// <summary>
    /// Trains on <paramref name="data"/>; <paramref name="regimeFeature"/> is the <c>regime_label</c> column or -1.
    /// With <paramref name="stacking"/> (and a regime column) the stacked regime ensemble is scored too and kept when
    /// its out-of-sample log-loss beats the global model's on the same rows.
    /// </summary>
    public TrainingResult Train(LabeledDataset data, int regimeFeature, (RegimeBlend Blend, RuleSignal? Rule)? stacking = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        long start = Stopwatch.GetTimestamp();
        var ml = new MLContext(options.Seed);
        var labels = data.At(options.Horizon);
        var times = data.Samples.TimesNs;
        var folds = WalkForwardSplitter.Split(times, labels, options.WalkForward);
        var trainer = new RegimeTrainer(ml, data, labels, options, regimeFeature);

        // The global model's fold predictions of each candidate are kept, so the winner is not refitted below.
        var globalByCandidate = new Dictionary<GbmParameters, float[][]>();
        float[][] GlobalFolds(GbmParameters p) => folds.Select(f => Predictions.Direction(ml, trainer.Direction(f.Train, p, false), data.Samples, f.Test)).ToArray();
        int tried = 0;
        IReadOnlyList<(GbmParameters, double)> search = options.FixedParameters is { } fixedP
            ? [(fixedP, double.NaN)]
            : new RandomSearch(options.Seed, options.MaxIterations, options.MaxDepth).Run(p =>
            {
                cancel.ThrowIfCancellationRequested();
                _progress(new TrainingStep("search", tried++, options.MaxCandidates));
                float[][] probs;
                try { probs = globalByCandidate[p] = GlobalFolds(p); }
                catch (NoSplitException e) when (tried > 1)
                {
                    // A drawn candidate too coarse for this little data (e.g. 200 rows per leaf on a few hundred): it
                    // cannot be scored, so it loses the search; the defaults (candidate 1) must train or the error stands.
                    _log($"search {p}: skipped: {e.Message}");
                    return double.PositiveInfinity;
                }
                double loss = folds.Select((f, i) => Metrics(probs[i], labels, f.Test, -1).LogLoss).Average();
                _log($"search {p}: walk-forward log-loss {loss:0.0000}");
                return loss;
            }, options.SearchBudget, options.MaxCandidates);
        var best = search[0].Item1;
        var bestGlobal = globalByCandidate.TryGetValue(best, out var cached) ? cached : GlobalFolds(best);

        var reports = new List<FoldReport>();
        var testRows = new List<int>();
        var globalProbs = new List<float>();
        var regimeProbs = new List<float>();
        var returnPred = new List<float>();
        var metaInputs = new List<float[]>();
        bool stack = stacking is not null && regimeFeature >= 0;
        foreach (var f in folds)
        {
            cancel.ThrowIfCancellationRequested();
            _progress(new TrainingStep("folds", reports.Count, folds.Count));
            var g = bestGlobal[f.Index];
            var byRegime = trainer.RegimeModels(f.Train, best);
            var r = RegimePredictions(ml, byRegime, regimeFeature, data.Samples, f.Test, g);
            if (stack) metaInputs.Add(StackedEnsemble.Inputs(ml, g, byRegime, stacking!.Value.Blend, stacking.Value.Rule, data.Samples, f.Test));
            int majority = DirectionMetrics.MajorityOf(labels.Classes, f.Train);
            ReturnMetrics? ret = null;
            if (options.TrainReturnModel)
            {
                var p = Predictions.Return(trainer.Return(f.Train, best, false), data.Samples, f.Test);
                ret = ReturnMetrics.Compute(p, Gather(labels.ForwardBps, f.Test));
                returnPred.AddRange(p);
            }
            var report = new FoldReport(f.Index, f.Train.Length, f.Test.Length, f.Purged, f.Embargoed,
                Metrics(g, labels, f.Test, majority), Metrics(r, labels, f.Test, majority), ret);
            reports.Add(report);
            testRows.AddRange(f.Test);
            globalProbs.AddRange(g);
            regimeProbs.AddRange(r);
        }

        cancel.ThrowIfCancellationRequested();
        _progress(new TrainingStep("final", 0, 1));
        var allTest = testRows.ToArray();
        int firstMajority = DirectionMetrics.MajorityOf(labels.Classes, folds[0].Train);
        var pooledGlobal = Metrics([.. globalProbs], labels, allTest, firstMajority);
        var pooledRegime = Metrics([.. regimeProbs], labels, allTest, firstMajority);
        bool keepRegimes = regimeFeature >= 0 && pooledRegime.LogLoss < pooledGlobal.LogLoss;
        var pooled = keepRegimes ? pooledRegime : pooledGlobal;
        float[] oof = keepRegimes ? [.. regimeProbs] : [.. globalProbs];
        var oofRows = allTest;
        JsonObject? stackReport = null;
        MetaLearner? meta = null, metaFinal = null;
        if (stack && StackingTrainer.Run(folds, metaInputs, labels, times) is { } run && run.Rows.Length > 0)
        {
            metaFinal = run.Final;
            // The global model on the same rows (the folds the stack scored).
            var position = new Dictionary<int, int>(allTest.Length);
            for (int i = 0; i < allTest.Length; i++) position[allTest[i]] = i;
            var globalSame = run.Rows.SelectMany(row => globalProbs.GetRange(position[row] * DirectionClass.Count, DirectionClass.Count)).ToArray();
            var globalSameMetrics = Metrics(globalSame, labels, run.Rows, firstMajority);
            var stacked = Metrics(run.Probabilities, labels, run.Rows, firstMajority);
            bool keep = stacked.LogLoss < globalSameMetrics.LogLoss;
            _log($"stacked regime ensemble (folds 1..{folds.Count - 1}): {stacked.Summary()} | global on the same rows: {globalSameMetrics.Summary()} -> {(keep ? "kept" : "not kept")}");
            stackReport = new JsonObject { ["rows"] = run.Rows.Length, ["stacked"] = stacked.ToJson(), ["globalSameRows"] = globalSameMetrics.ToJson(), ["kept"] = keep };
            if (keep)
            {
                (meta, keepRegimes, pooled, oof, oofRows) = (run.Final, false, stacked, run.Probabilities, run.Rows);
            }
        }
        var beforeOffset = pooled;
        double moveOffset = 0;
        if (options.Form == DirectionForm.TwoStage)
        {
            (moveOffset, pooled) = options.MoveLogitOffset is { } fixedOffset
                ? (fixedOffset, Metrics(TwoStage.Shift(oof, fixedOffset), labels, oofRows, firstMajority))
                : MoveOffsetChooser.Choose(oof, labels, oofRows, firstMajority);
            _log($"move-logit offset {moveOffset:0.##} ({(options.MoveLogitOffset is null ? "chosen on the pooled walk-forward predictions" : "given")}): {pooled.Summary()}");
        }
        var labelled = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        StackedEnsemble? finalStack = null;
        RegimeSet<DirectionModel>? finalDirection = null;
        StackedEnsemble? candidate = null;
        if (meta is not null || (stack && options.StackCandidate && metaFinal is not null))
        {
            // Members calibrated (offset 0); the offset moves the meta-learner's flat intercept: P(move) logit + offset.
            var calibrated = trainer.Direction(labelled, best, false);
            var regimeMembers = trainer.RegimeModels(labelled, best);
            if (options.StackCandidate) candidate = new StackedEnsemble(calibrated.Global, regimeMembers, stacking!.Value.Blend, stacking.Value.Rule, metaFinal!);
            if (meta is not null)
            {
                finalDirection = calibrated;
                var bias = (float[])meta.Bias.Clone();
                bias[DirectionClass.Flat] -= (float)moveOffset;
                finalStack = new StackedEnsemble(calibrated.Global, regimeMembers, stacking!.Value.Blend, stacking.Value.Rule, new MetaLearner(meta.Weights, bias));
            }
        }
        finalDirection ??= trainer.Direction(labelled, best, keepRegimes).Select(m => m.Form == DirectionForm.TwoStage ? m.WithMoveOffset(moveOffset) : m);
        var finalReturn = options.TrainReturnModel ? trainer.Return(labelled, best, keepRegimes) : null;
        var elapsed = Stopwatch.GetElapsedTime(start);
        using var self = Process.GetCurrentProcess();
        return new TrainingResult(finalDirection, finalReturn, keepRegimes && finalDirection.IsGated, best, search, reports,
            pooled,
            options.TrainReturnModel ? ReturnMetrics.Compute([.. returnPred], Gather(labels.ForwardBps, allTest)) : null,
            data.Samples.Rows, labelled.Length, times[labelled[0]], times[labelled[^1]], elapsed, self.PeakWorkingSet64)
        {
            ClassMeanMoveBps = ClassMeans(labels, labelled),
            OutOfSampleBeforeOffset = options.Form == DirectionForm.TwoStage ? beforeOffset : null,
            Stacked = finalStack,
            StackingReport = stackReport,
            MoveLogitOffset = moveOffset,
            MovePrior = options.MovePrior,
            StackCandidate = candidate,
            StackFolds = candidate is null ? null : [.. folds.Zip(metaInputs)],
        };
    }

    /// <summary>Mean forward move in bps given the true class (down, flat, up) over <paramref name="rows"/>; a class
    /// without samples gets 0 (it then adds nothing to the expected move).</summary>
    public static double[] ClassMeans(HorizonLabels labels, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        var sum = new double[DirectionClass.Count];
        var count = new int[DirectionClass.Count];
        foreach (int r in rows)
        {
            int c = labels.Classes[r];
            float v = labels.ForwardBps[r];
            if (c < 0 || !float.IsFinite(v)) continue;
            sum[c] += v;
            count[c]++;
        }
        for (int c = 0; c < sum.Length; c++) sum[c] = count[c] > 0 ? sum[c] / count[c] : 0;
        return sum;
    }

    // The regime ensemble's predictions: the global model's, overwritten where a regime has its own model.
    private static float[] RegimePredictions(MLContext ml, DirectionModel?[] byRegime, int regimeFeature, FeatureMatrix samples, int[] test, float[] global)
    {
        var result = (float[])global.Clone();
        for (int r = 0; r < byRegime.Length; r++)
        {
            if (byRegime[r] is not { } model) continue;
            var positions = Enumerable.Range(0, test.Length).Where(i => RegimeGate.RegimeOf(samples[test[i], regimeFeature]) == r).ToArray();
            if (positions.Length == 0) continue;
            var part = new float[positions.Length * DirectionClass.Count];
            model.Predict(ml, samples, [.. positions.Select(i => test[i])], part);
            for (int i = 0; i < positions.Length; i++) part.AsSpan(i * DirectionClass.Count, DirectionClass.Count).CopyTo(result.AsSpan(positions[i] * DirectionClass.Count));
        }
        return result;
    }

    /// <summary>Metrics of <paramref name="probabilities"/> for <paramref name="rows"/>.</summary>
    public static DirectionMetrics Metrics(float[] probabilities, HorizonLabels labels, int[] rows, int majority) =>
        DirectionMetrics.Compute(probabilities, Gather(labels.Classes, rows), Gather(labels.Persistence, rows), majority);

    private static T[] Gather<T>(T[] values, int[] rows)
    {
        var r = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++) r[i] = values[rows[i]];
        return r;
    }
}
