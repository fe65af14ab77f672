using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Applies the per-symbol <see cref="BaselineGate"/> to a model's probabilities over every sample of a replay, segment
/// by segment (one gate per symbol, fed in time order from the segment's first sample, as a live engine meets them),
/// so <c>hft evaluate --compare --gate</c> scores a model that abstains toward the symbol's own baseline wherever
/// that baseline has been right more often. The gate is measured at the comparison's horizon, clock and threshold:
/// the question the figures answer.
/// </summary>
internal static class GateScoring
{
    /// <summary>Gated copy of <paramref name="probabilities"/> (3 per row of <paramref name="data"/>'s samples, every row,
    /// in order); <paramref name="abstained"/> counts the rows served by the baseline.</summary>
    public static float[] Gate(float[] probabilities, ReplayDataset data, long horizonNs, long intervalNs, MoveThreshold threshold,
        BaselineGateOptions options, out int abstained)
    {
        var result = (float[])probabilities.Clone();
        int row = 0;
        abstained = 0;
        foreach (var segment in data.Segments)
        {
            var gate = new BaselineGate(horizonNs, intervalNs, threshold, options);
            var samples = segment.Builder.Samples;
            for (int i = 0; i < samples.Rows; i++, row++)
            {
                gate.OnDecision(samples.TimesNs[i], samples.MidTicks[i], result.AsSpan(row * DirectionClass.Count, DirectionClass.Count));
                if (gate.Abstaining) abstained++;
            }
        }
        if (row != data.Samples.Rows) throw new InvalidOperationException("segments and samples disagree");
        return result;
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="all"/> (3 per row).</summary>
    public static float[] Pick(float[] all, int[] rows)
    {
        var picked = new float[rows.Length * DirectionClass.Count];
        for (int i = 0; i < rows.Length; i++)
            all.AsSpan(rows[i] * DirectionClass.Count, DirectionClass.Count).CopyTo(picked.AsSpan(i * DirectionClass.Count));
        return picked;
    }
}
