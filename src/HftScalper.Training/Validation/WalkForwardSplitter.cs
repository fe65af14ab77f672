using HftScalper.Training.Data;
using HftScalper.Training.Labels;

namespace HftScalper.Training.Validation;

/// <summary>
/// Makes time-ordered folds over the labelled samples. A training sample's label depends on prices in
/// <c>[t, t+h]</c>; when that window overlaps a test block's <c>[first, last + h]</c>, training on it would show the
/// model part of the test answers, so it is purged. After that window, samples within the embargo are dropped too
/// (only matters when training data lies after the test, as in <see cref="SplitScheme.PurgedKFold"/>).
/// </summary>
internal static class WalkForwardSplitter
{
    /// <summary>Splits the samples of <paramref name="labels"/> (times from <paramref name="times"/>).</summary>
    public static IReadOnlyList<Fold> Split(ReadOnlySpan<long> times, HorizonLabels labels, WalkForwardOptions options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Folds, 1);
        var rows = new List<int>();
        for (int i = 0; i < labels.Classes.Length; i++)
            if (labels.Classes[i] != DirectionClass.Unlabelled) rows.Add(i);
        if (rows.Count < 2 * (options.Folds + 1)) throw new ArgumentException($"{rows.Count} labelled samples are too few for {options.Folds} folds");
        long embargo = options.EmbargoNs < 0 ? labels.HorizonNs : options.EmbargoNs;
        return options.Scheme == SplitScheme.Shuffled ? Shuffled(rows, options) : Blocks(times, labels, rows, options, embargo);
    }

    private static List<Fold> Blocks(ReadOnlySpan<long> times, HorizonLabels labels, List<int> rows, WalkForwardOptions o, long embargo)
    {
        bool forward = o.Scheme == SplitScheme.WalkForward;
        int first = forward ? (int)Math.Clamp(rows.Count * o.InitialTrainFraction, 1, rows.Count - o.Folds) : 0;
        int block = (rows.Count - first) / o.Folds;
        var folds = new List<Fold>(o.Folds);
        for (int k = 0; k < o.Folds; k++)
        {
            int a = first + k * block;
            int b = k == o.Folds - 1 ? rows.Count : a + block;
            long from = times[rows[a]], to = times[rows[b - 1]];
            long testLabelEnd = labels.EndTimesNs[rows[b - 1]];
            var train = new List<int>();
            int purged = 0, embargoed = 0;
            for (int p = 0; p < rows.Count; p++)
            {
                if (p >= a && p < b) continue;
                if (forward && p >= b) break;
                int r = rows[p];
                long t = times[r];
                if (o.Purge && t <= testLabelEnd && labels.EndTimesNs[r] >= from) { purged++; continue; }
                if (t > testLabelEnd && t <= testLabelEnd + embargo) { embargoed++; continue; }
                train.Add(r);
            }
            folds.Add(new Fold(k, [.. train], [.. rows.GetRange(a, b - a)], from, to, purged, embargoed));
        }
        return folds;
    }

    private static List<Fold> Shuffled(List<int> rows, WalkForwardOptions o)
    {
        var rng = new Random(o.Seed);
        var fold = new int[rows.Count];
        for (int i = 0; i < fold.Length; i++) fold[i] = rng.Next(o.Folds);
        var folds = new List<Fold>(o.Folds);
        for (int k = 0; k < o.Folds; k++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (int i = 0; i < rows.Count; i++) (fold[i] == k ? test : train).Add(rows[i]);
            folds.Add(new Fold(k, [.. train], [.. test], 0, 0, 0, 0));
        }
        return folds;
    }
}
