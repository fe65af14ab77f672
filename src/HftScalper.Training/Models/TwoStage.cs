using HftScalper.Inference.Calibration;
using HftScalper.Training.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// The arithmetic of <see cref="DirectionForm.TwoStage"/> models, in float and in the order the exported ONNX graph
/// computes it (<c>up = pm·pu</c>, <c>down = pm − up</c>, <c>flat = 1 − pm</c>), so ML.NET-side predictions and ONNX
/// Runtime's agree to float rounding. The row arithmetic lives in <see cref="MoveShift"/> (serving applies it too).
/// </summary>
public static class TwoStage
{
    /// <summary>Writes P(down, flat, up) of <paramref name="pMove"/> and <paramref name="pUpGivenMove"/> into <paramref name="row"/>.</summary>
    public static void Compose(float pMove, float pUpGivenMove, Span<float> row) => MoveShift.Compose(pMove, pUpGivenMove, row);

    /// <summary><c>sigmoid(logit(p) + offset)</c>; <paramref name="p"/> itself when the offset is 0.</summary>
    public static float ShiftLogit(float p, double offset) => MoveShift.ShiftLogit(p, offset);

    /// <summary>
    /// Rows of composed probabilities (three per row) recomposed with <paramref name="offset"/> added to the move
    /// logit: P(move) = 1 − P(flat), P(up | move) = P(up) / (P(down) + P(up)) (½ when both are 0).
    /// </summary>
    public static float[] Shift(ReadOnlySpan<float> probabilities, double offset)
    {
        var result = probabilities.ToArray();
        if (offset == 0) return result;
        for (int i = 0; i + DirectionClass.Count <= result.Length; i += DirectionClass.Count)
            MoveShift.Apply(result.AsSpan(i, DirectionClass.Count), offset);
        return result;
    }
}
