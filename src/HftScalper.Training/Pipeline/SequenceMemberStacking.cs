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
    /// <param name="WithMember">The ensemble's probabilities: with the members that answered, else the stack's.</param>
    /// <param name="WithoutMember">The stack alone on the same rows (its meta-learner of the same fold).</param>
    /// <param name="MemberReady">Whether some member answered on each row.</param>
    /// <param name="Final">The meta-learner with every member, fitted on every out-of-fold row where all answered.</param>
    /// <param name="ByMask">The final meta-learner of each subset of members (index = bit mask; 0 unused; null = no row).</param>
    public sealed record Result(int[] Rows, float[] WithMember, float[] WithoutMember, bool[] MemberReady, MetaLearner Final, MetaLearner?[] ByMask);

    /// <summary>One member: see <see cref="Run(IReadOnlyList{ValueTuple{Fold, float[]}}, IReadOnlyList{IReadOnlyList{float[]}}, HorizonLabels, ReadOnlySpan{long})"/>.</summary>
    public static Result? Run(IReadOnlyList<(Fold Fold, float[] MetaInputs)> folds, IReadOnlyList<float[]> member, HorizonLabels labels, ReadOnlySpan<long> times)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Run(folds, [member], labels, times);
    }

    /// <summary>
    /// <paramref name="folds"/> with the stack's meta inputs of their test rows (<see cref="TrainingResult.StackFolds"/>);
    /// <paramref name="members"/>: for each member, for each fold, its P(down, flat, up) on the same test rows (NaN where
    /// it had no window). For each subset of members, a meta-learner is fitted on the rows where all of them answered;
    /// a row is scored by the subset that answered it. Null when fewer than two folds or no row where every member answered.
    /// </summary>
    public static Result? Run(IReadOnlyList<(Fold Fold, float[] MetaInputs)> folds, IReadOnlyList<IReadOnlyList<float[]>> members, HorizonLabels labels, ReadOnlySpan<long> times)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(labels);
        int count = members.Count;
        if (folds.Count < 2 || count < 1 || members.Any(m => m.Count != folds.Count)) return null;
        const int D = StackedEnsemble.MetaInputs, C = DirectionClass.Count;
        int masks = 1 << count;
        var fs = folds.Select(f => f.Fold).ToList();
        var tab = folds.Select(f => f.MetaInputs).ToList();
        // Per fold: every member's scores side by side (3 per member per row); per subset: its meta inputs.
        var joined = new List<float[]>();
        var full = new List<float[]>[masks];
        for (int mask = 1; mask < masks; mask++) full[mask] = [];
        for (int j = 0; j < folds.Count; j++)
        {
            int n = fs[j].Test.Length;
            if (tab[j].Length != n * D) throw new ArgumentException($"fold {j}: inputs do not match its {n} test rows");
            var all = new float[n * C * count];
            for (int m = 0; m < count; m++)
            {
                if (members[m][j].Length != n * C) throw new ArgumentException($"fold {j}: member {m}'s scores do not match its {n} test rows");
                for (int i = 0; i < n; i++) members[m][j].AsSpan(i * C, C).CopyTo(all.AsSpan((i * count + m) * C, C));
            }
            joined.Add(all);
            for (int mask = 1; mask < masks; mask++)
            {
                int dm = SequenceMemberStack.InputsOf(mask);
                var z = new float[n * dm];
                for (int i = 0; i < n; i++) SequenceMemberStack.Inputs(tab[j].AsSpan(i * D, D), all.AsSpan(i * C * count, C * count), count, mask, z.AsSpan(i * dm, dm));
                full[mask].Add(z);
            }
        }
        var rows = new List<int>();
        var with = new List<float>();
        var without = new List<float>();
        var ready = new List<bool>();
        var p = new float[C];
        var fitted = new MetaLearner?[masks];
        for (int k = 1; k < folds.Count; k++)
        {
            long testStart = times[fs[k].Test[0]];
            var (zt, yt) = StackingTrainer.MetaRows(fs, tab, labels, k, testStart);
            if (yt.Length == 0) continue;
            var stack = MetaLearner.Fit(zt, yt, D);
            for (int mask = 1; mask < masks; mask++)
            {
                int dm = SequenceMemberStack.InputsOf(mask);
                var (zm, ym) = StackingTrainer.MetaRows(fs, full[mask], labels, k, testStart, dm);
                fitted[mask] = ym.Length > 0 ? MetaLearner.Fit(zm, ym, dm) : null;
            }
            var test = fs[k].Test;
            for (int i = 0; i < test.Length; i++)
            {
                stack.Predict(tab[k].AsSpan(i * D, D), p);
                without.AddRange(p);
                int mask = SequenceMemberStack.ReadyMask(joined[k].AsSpan(i * C * count, C * count), count);
                bool has = mask != 0 && fitted[mask] is not null;
                if (has)
                {
                    int dm = SequenceMemberStack.InputsOf(mask);
                    fitted[mask]!.Predict(full[mask][k].AsSpan(i * dm, dm), p);
                }
                with.AddRange(p);
                ready.Add(has);
            }
            rows.AddRange(test);
        }
        var byMask = new MetaLearner?[masks];
        for (int mask = 1; mask < masks; mask++)
        {
            int dm = SequenceMemberStack.InputsOf(mask);
            var (allZ, allY) = StackingTrainer.MetaRows(fs, full[mask], labels, folds.Count, long.MaxValue, dm);
            byMask[mask] = allY.Length > 0 ? MetaLearner.Fit(allZ, allY, dm) : null;
        }
        if (byMask[masks - 1] is not { } final || rows.Count == 0) return null;
        return new Result([.. rows], [.. with], [.. without], [.. ready], final, byMask);
    }
}
