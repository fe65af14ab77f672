using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Pipeline;

/// <summary>
/// Fits the meta-learner of a <see cref="StackedEnsemble"/> on out-of-fold member predictions, walk-forward: the
/// members' predictions on fold j's test block come from members trained on fold j's (purged) training window; the
/// meta-learner that predicts fold k is fitted only on the out-of-fold rows of folds before k whose label window
/// ends before fold k's test block starts (purged), so neither level sees a label from the block it is scored on.
/// Fold 0 has no earlier out-of-fold rows: the stacked ensemble is scored on folds 1..K-1. The final meta-learner
/// is fitted on every out-of-fold row.
/// </summary>
internal static class StackingTrainer
{
    /// <summary>
    /// Scores the stack out of sample. <paramref name="metaInputs"/> holds each fold's meta inputs on its test rows
    /// (<see cref="StackedEnsemble.Inputs"/>). Returns the rows scored (folds 1..K-1, in order), their probabilities,
    /// and the final meta-learner; null when fewer than two folds.
    /// </summary>
    public static (int[] Rows, float[] Probabilities, MetaLearner Final)? Run(IReadOnlyList<Fold> folds, IReadOnlyList<float[]> metaInputs,
        HorizonLabels labels, ReadOnlySpan<long> times)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(metaInputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (folds.Count < 2) return null;
        const int D = StackedEnsemble.MetaInputs, C = DirectionClass.Count;
        var rows = new List<int>();
        var probs = new List<float>();
        for (int k = 1; k < folds.Count; k++)
        {
            long testStart = times[folds[k].Test[0]];
            var (z, y) = MetaRows(folds, metaInputs, labels, k, testStart);
            if (y.Length == 0) continue;
            var meta = MetaLearner.Fit(z, y, D);
            var test = folds[k].Test;
            var p = new float[test.Length * C];
            for (int i = 0; i < test.Length; i++) meta.Predict(metaInputs[k].AsSpan(i * D, D), p.AsSpan(i * C, C));
            rows.AddRange(test);
            probs.AddRange(p);
        }
        var (allZ, allY) = MetaRows(folds, metaInputs, labels, folds.Count, long.MaxValue);
        return ([.. rows], [.. probs], MetaLearner.Fit(allZ, allY, D));
    }

    /// <summary>The out-of-fold meta rows of folds before <paramref name="before"/> whose label ends before <paramref name="testStart"/>.</summary>
    /// <remarks>Rows are <paramref name="inputs"/> wide; a row with a non-finite input (a member that had no prediction
    /// there) is left out.</remarks>
    public static (float[] Z, int[] Y) MetaRows(IReadOnlyList<Fold> folds, IReadOnlyList<float[]> metaInputs, HorizonLabels labels, int before, long testStart,
        int inputs = StackedEnsemble.MetaInputs)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(metaInputs);
        ArgumentNullException.ThrowIfNull(labels);
        int D = inputs;
        var z = new List<float>();
        var y = new List<int>();
        for (int j = 0; j < before; j++)
        {
            var test = folds[j].Test;
            for (int i = 0; i < test.Length; i++)
            {
                int row = test[i];
                if (labels.Classes[row] < 0 || labels.EndTimesNs[row] >= testStart) continue;
                var zi = metaInputs[j].AsSpan(i * D, D);
                if (!AllFinite(zi)) continue;
                z.AddRange(zi);
                y.Add(labels.Classes[row]);
            }
        }
        return ([.. z], [.. y]);
    }

    private static bool AllFinite(ReadOnlySpan<float> z)
    {
        foreach (var v in z)
            if (!float.IsFinite(v)) return false;
        return true;
    }
}
