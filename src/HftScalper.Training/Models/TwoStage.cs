using HftScalper.Training.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// The arithmetic of <see cref="DirectionForm.TwoStage"/> models, in float and in the order the exported ONNX graph
/// computes it (<c>up = pm·pu</c>, <c>down = pm − up</c>, <c>flat = 1 − pm</c>), so ML.NET-side predictions and ONNX
/// Runtime's agree to float rounding.
/// </summary>
public static class TwoStage
{
    /// <summary>Writes P(down, flat, up) of <paramref name="pMove"/> and <paramref name="pUpGivenMove"/> into <paramref name="row"/>.</summary>
    public static void Compose(float pMove, float pUpGivenMove, Span<float> row)
    {
        float up = pMove * pUpGivenMove;
        row[DirectionClass.Down] = pMove - up;
        row[DirectionClass.Flat] = 1f - pMove;
        row[DirectionClass.Up] = up;
    }

    /// <summary><c>sigmoid(logit(p) + offset)</c>; <paramref name="p"/> itself when the offset is 0.</summary>
    public static float ShiftLogit(float p, double offset)
    {
        if (offset == 0) return p;
        double q = Math.Clamp((double)p, 1e-12, 1 - 1e-12);
        return (float)(1 / (1 + Math.Exp(-(Math.Log(q / (1 - q)) + offset))));
    }

    /// <summary>
    /// Rows of composed probabilities (three per row) recomposed with <paramref name="offset"/> added to the move
    /// logit: P(move) = 1 − P(flat), P(up | move) = P(up) / (P(down) + P(up)) (½ when both are 0).
    /// </summary>
    public static float[] Shift(ReadOnlySpan<float> probabilities, double offset)
    {
        var result = probabilities.ToArray();
        if (offset == 0) return result;
        for (int i = 0; i + DirectionClass.Count <= result.Length; i += DirectionClass.Count)
        {
            var row = result.AsSpan(i, DirectionClass.Count);
            float moved = row[DirectionClass.Down] + row[DirectionClass.Up];
            float pu = moved > 0 ? row[DirectionClass.Up] / moved : 0.5f;
            Compose(ShiftLogit(1f - row[DirectionClass.Flat], offset), pu, row);
        }
        return result;
    }
}
