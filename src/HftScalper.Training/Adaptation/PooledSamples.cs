using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// Transfer by pooling (<see cref="AdaptationOptions.TransferBelowRows"/>): the samples of several symbols' windows,
/// each labelled on its own price path, merged into one dataset in sample-time order (ties keep the parts' order), so
/// walk-forward folds and purging see one time line. Runs on the <c>hft-adapt</c> worker.
/// </summary>
internal static class PooledSamples
{
    /// <summary>Labels each part at <paramref name="horizon"/> and merges them by sample time.</summary>
    public static LabeledDataset Label(IReadOnlyList<(FeatureMatrix Samples, DecisionSeries Path)> parts, TimeSpan horizon, MoveThreshold threshold)
    {
        var labelled = parts.Select(p => new LabeledDataset(p.Samples, p.Path, [horizon], threshold)).ToList();
        if (labelled.Count == 1) return labelled[0];
        int width = parts[0].Samples.Width, total = parts.Sum(p => p.Samples.Rows);
        var order = new List<(long Time, int Part, int Row)>(total);
        for (int k = 0; k < parts.Count; k++)
            for (int r = 0; r < parts[k].Samples.Rows; r++) order.Add((parts[k].Samples.TimesNs[r], k, r));
        order.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Part != b.Part ? a.Part.CompareTo(b.Part) : a.Row.CompareTo(b.Row));
        var samples = new FeatureMatrix(width, Math.Max(1, total));
        var classes = new int[total];
        var ticks = new float[total];
        var bps = new float[total];
        var ends = new long[total];
        var persistence = new int[total];
        for (int i = 0; i < total; i++)
        {
            var (_, k, r) = order[i];
            var m = parts[k].Samples;
            samples.Add(m.Row(r), m.TimesNs[r], m.MidTicks[r]);
            var h = labelled[k].Horizons[0];
            classes[i] = h.Classes[r];
            ticks[i] = h.ForwardTicks[r];
            bps[i] = h.ForwardBps[r];
            ends[i] = h.EndTimesNs[r];
            persistence[i] = h.Persistence[r];
        }
        return new LabeledDataset(samples, [new HorizonLabels(labelled[0].Horizons[0].HorizonNs, classes, ticks, ends, persistence, bps)], threshold);
    }
}
