using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Applies the per-symbol <see cref="MovePriorTracker"/> correction to a model's probabilities over every sample of a
/// replay, segment by segment (one tracker per symbol, fed in time order from the segment's first sample, as a live
/// engine meets them; measured at the model's own horizon, clock and threshold, as the engine serves it), so
/// <c>hft evaluate</c> scores a model that asks for the correction as it serves, and <c>--compare --move-prior</c>
/// scores any tabular model with it beside the raw one. Settings with a <see cref="MovePriorOptions.Gate"/> also pass
/// each corrected row through the symbol's <see cref="BaselineGate"/>, as the engine serves it, judging at the
/// settings' <see cref="MovePriorServing.GateHorizonNs"/> (the evaluated horizon when the caller asked for it).
/// </summary>
internal static class MovePriorScoring
{
    /// <summary>The model's corrected probabilities (3 per row) for <paramref name="rows"/> of <paramref name="data"/>'s samples.</summary>
    public static float[] Score(string modelPath, ReplayDataset data, int[] rows, MovePriorServing serving)
    {
        var all = OnnxScorer.Score(modelPath, data.Schema, data.Samples, Enumerable.Range(0, data.Samples.Rows).ToArray(), ModelRole.Direction, out _);
        var corrected = Correct(all, data, serving);
        var picked = new float[rows.Length * DirectionClass.Count];
        for (int i = 0; i < rows.Length; i++)
            corrected.AsSpan(rows[i] * DirectionClass.Count, DirectionClass.Count).CopyTo(picked.AsSpan(i * DirectionClass.Count));
        return picked;
    }

    /// <summary>Corrected copy of <paramref name="probabilities"/> (3 per row of <paramref name="data"/>'s samples, every row, in order).</summary>
    public static float[] Correct(float[] probabilities, ReplayDataset data, MovePriorServing serving)
    {
        var result = (float[])probabilities.Clone();
        int row = 0;
        foreach (var segment in data.Segments)
        {
            var tracker = serving.NewTracker();
            var gate = serving.NewGate();
            var samples = segment.Builder.Samples;
            for (int i = 0; i < samples.Rows; i++, row++)
            {
                var p = result.AsSpan(row * DirectionClass.Count, DirectionClass.Count);
                tracker.OnDecision(samples.TimesNs[i], samples.MidTicks[i], 1f - p[DirectionClass.Flat]);
                MoveShift.Apply(p, tracker.Offset);
                gate?.OnDecision(samples.TimesNs[i], samples.MidTicks[i], p);
            }
        }
        if (row != data.Samples.Rows) throw new InvalidOperationException("segments and samples disagree");
        return result;
    }
}
