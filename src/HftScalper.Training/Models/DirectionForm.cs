namespace HftScalper.Training.Models;

/// <summary>How a <see cref="DirectionModel"/> turns binary tree heads into P(down, flat, up).</summary>
public enum DirectionForm
{
    /// <summary>Three one-vs-rest heads (down, flat, up), their calibrated probabilities normalised to sum to one.</summary>
    OneVsRest,

    /// <summary>
    /// Two heads: P(move) trained on every sample and P(up | move) trained on the samples that moved only, combined as
    /// P(down) = P(move)(1 - P(up | move)), P(flat) = 1 - P(move), P(up) = P(move) P(up | move). The direction head
    /// never sees a flat sample, so the flat share of the data cannot swamp the direction signal.
    /// </summary>
    TwoStage,
}
