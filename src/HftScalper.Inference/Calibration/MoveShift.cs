namespace HftScalper.Inference.Calibration;

/// <summary>
/// Moves a direction row's P(move) = 1 − P(flat) along its logit and keeps the direction split P(up | move):
/// the arithmetic of a two-stage model (<c>up = pm·pu</c>, <c>down = pm − up</c>, <c>flat = 1 − pm</c>, in the order its
/// ONNX graph computes it) applied to any P(down, flat, up) row. Used by the trainer's move-logit offset and by the
/// per-symbol <see cref="MovePriorTracker"/> correction. Rows are in the canonical class order (down, flat, up).
/// </summary>
public static class MoveShift
{
    private const int Down = 0, Flat = 1, Up = 2;

    /// <summary><c>sigmoid(logit(p) + offset)</c>; <paramref name="p"/> itself when the offset is 0.</summary>
    public static float ShiftLogit(float p, double offset)
    {
        if (offset == 0) return p;
        double q = Math.Clamp((double)p, 1e-12, 1 - 1e-12);
        return (float)(1 / (1 + Math.Exp(-(Math.Log(q / (1 - q)) + offset))));
    }

    /// <summary>Writes P(down, flat, up) of <paramref name="pMove"/> and <paramref name="pUpGivenMove"/> into <paramref name="row"/>.</summary>
    public static void Compose(float pMove, float pUpGivenMove, Span<float> row)
    {
        float up = pMove * pUpGivenMove;
        row[Down] = pMove - up;
        row[Flat] = 1f - pMove;
        row[Up] = up;
    }

    /// <summary>Recomposes one row with <paramref name="offset"/> added to its move logit (P(up | move) = ½ when
    /// P(down) + P(up) is 0). Nothing changes when the offset is 0.</summary>
    public static void Apply(Span<float> row, double offset)
    {
        if (offset == 0) return;
        float moved = row[Down] + row[Up];
        float pu = moved > 0 ? row[Up] / moved : 0.5f;
        Compose(ShiftLogit(1f - row[Flat], offset), pu, row);
    }
}
