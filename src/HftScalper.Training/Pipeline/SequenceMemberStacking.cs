using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Pipeline;

/// <summary>
/// Stacks a sequence member onto a <see cref="StackedEnsemble"/>'s out-of-fold meta inputs, walk-forward with purging
/// as <see cref="StackingTrainer"/> does: the meta-learners that score fold k (the stack's own, and the one with the
/// member, <see cref="SequenceMemberStack"/>) are fitted only on out-of-fold rows of folds before k whose label ends
/// before fold k's test block; the member's predictions on fold j come from a member trained on fold j's purged
/// training window. A row where the member had no window is fitted on by the stack's meta-learner only and scored by
/// it, as serving does while the member warms. Fold 0 is not scored; the final meta-learner with the member is fitted
/// on every out-of-fold row where the member answered.
/// </summary>
internal static class SequenceMemberStacking
{
    /// <summary>What the walk-forward stacking scored.</summary>
    /// <param name="Rows">Rows scored (folds 1..K-1, in order).</param>
    /// <param name="WithMember">The ensemble's probabilities: with the member where it answered, else the stack's.</param>
    /// <param name="WithoutMember">The stack alone on the same rows (its meta-learner of the same fold).</param>
    /// <param name="MemberReady">Whether the member answered on each row.</param>
    /// <param name="Final">The meta-learner with the member, fitted on every out-of-fold row where it answered.</param>
    public sealed record Result(int[] Rows, float[] WithMember, float[] WithoutMember, bool[] MemberReady, MetaLearner Final);

    /// <summary>
    /// <paramref name="folds"/> with the stack's meta inputs of their test rows (<see cref="TrainingResult.StackFolds"/>);
    /// <paramref name="member"/>: for each fold, the member's P(down, flat, up) on the same test rows (NaN where it had no
    /// window). Null when fewer than two folds or no row with the member.
    /// </summary>
    public static Result? Run(IReadOnlyList<(Fold Fold, float[] MetaInputs)> folds, IReadOnlyList<float[]> member, HorizonLabels labels, ReadOnlySpan<long> times)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(labels);
        if (folds.Count < 2 || member.Count != folds.Count) return null;
        const int D = StackedEnsemble.MetaInputs, DM = SequenceMemberStack.MetaInputs, C = DirectionClass.Count;
        var fs = folds.Select(f => f.Fold).ToList();
        var tab = folds.Select(f => f.MetaInputs).ToList();
        var full = new List<float[]>();
        for (int j = 0; j < folds.Count; j++)
        {
            int n = fs[j].Test.Length;
            if (member[j].Length != n * C || tab[j].Length != n * D) throw new ArgumentException($"fold {j}: inputs do not match its {n} test rows");
            var z = new float[n * DM];
            for (int i = 0; i < n; i++) SequenceMemberStack.Inputs(tab[j].AsSpan(i * D, D), member[j].AsSpan(i * C, C), z.AsSpan(i * DM, DM));
            full.Add(z);
        }
        var rows = new List<int>();
        var with = new List<float>();
        var without = new List<float>();
        var ready = new List<bool>();
        Span<float> p = stackalloc float[C];
        for (int k = 1; k < folds.Count; k++)
        {
            long testStart = times[fs[k].Test[0]];
            var (zt, yt) = StackingTrainer.MetaRows(fs, tab, labels, k, testStart);
            if (yt.Length == 0) continue;
            var (zm, ym) = StackingTrainer.MetaRows(fs, full, labels, k, testStart, DM);
            var stack = MetaLearner.Fit(zt, yt, D);
            var withMember = ym.Length > 0 ? MetaLearner.Fit(zm, ym, DM) : null;
            var test = fs[k].Test;
            for (int i = 0; i < test.Length; i++)
            {
                var zi = tab[k].AsSpan(i * D, D);
                stack.Predict(zi, p);
                without.AddRange(p);
                bool has = withMember is not null && SequenceMemberStack.IsPrediction(member[k].AsSpan(i * C, C));
                if (has) withMember!.Predict(full[k].AsSpan(i * DM, DM), p);
                with.AddRange(p);
                ready.Add(has);
            }
            rows.AddRange(test);
        }
        var (allZ, allY) = StackingTrainer.MetaRows(fs, full, labels, folds.Count, long.MaxValue, DM);
        if (allY.Length == 0 || rows.Count == 0) return null;
        return new Result([.. rows], [.. with], [.. without], [.. ready], MetaLearner.Fit(allZ, allY, DM));
    }
}
