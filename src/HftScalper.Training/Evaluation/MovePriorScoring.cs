using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Applies the per-symbol <see cref="MovePriorTracker"/> correction to a model's probabilities over every sample of a
/// replay, segment by segment (one tracker per symbol, fed in time order from the segment's first sample, as a live
/// engine would meet them), so <c>hft evaluate --compare --move-prior</c> scores the corrected model beside the raw one
/// on the same samples.
/// </summary>
internal static class MovePriorScoring
{
    /// <summary>Corrected copy of <paramref name="probabilities"/> (3 per row of <paramref name="data"/>'s samples, every row, in order).</summary>
    public static float[] Correct(float[] probabilities, ReplayDataset data, TimeSpan horizon, long sampleIntervalNs, MoveThreshold threshold, MovePriorOptions options)
    {
        var result = (float[])probabilities.Clone();
        int row = 0;
        foreach (var segment in data.Segments)
        {
            var tracker = new MovePriorTracker(horizon.Ticks * 100, Math.Max(1, sampleIntervalNs), threshold, options);
            var samples = segment.Builder.Samples;
            for (int i = 0; i < samples.Rows; i++, row++)
            {
                var p = result.AsSpan(row * DirectionClass.Count, DirectionClass.Count);
                tracker.OnDecision(samples.TimesNs[i], samples.MidTicks[i], 1f - p[DirectionClass.Flat]);
                MoveShift.Apply(p, tracker.Offset);
            }
        }
        if (row != data.Samples.Rows) throw new InvalidOperationException("segments and samples disagree");
        return result;
    }
}
