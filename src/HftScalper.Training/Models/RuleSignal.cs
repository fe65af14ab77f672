using HftScalper.Features.Schema;

namespace HftScalper.Training.Models;

/// <summary>
/// The rule signal as a stacking member: the score in [-1, 1] of the engine's rule-based fallback
/// (<c>HftScalper.Trading.Signals.FallbackSignal</c> with its default options): 0.4·tanh(<c>ofi_norm_fast</c>/0.5) +
/// 0.3·clamp(<c>microprice_minus_mid_bps</c>/0.5, ±1) + 0.3·clamp(<c>imbalance_1</c>, ±1). Positive = buying pressure.
/// The meta-learner weighs it like any other member's output.
/// </summary>
/// <param name="OfiColumn">Column of <c>ofi_norm_fast</c>.</param>
/// <param name="MicropriceColumn">Column of <c>microprice_minus_mid_bps</c>.</param>
/// <param name="ImbalanceColumn">Column of <c>imbalance_1</c>.</param>
public sealed record RuleSignal(int OfiColumn, int MicropriceColumn, int ImbalanceColumn)
{
    /// <summary>Weights and scales of the fallback's defaults.</summary>
    public const float OfiWeight = 0.4f, MicropriceWeight = 0.3f, ImbalanceWeight = 0.3f, OfiScale = 0.5f, MicropriceScale = 0.5f;

    /// <summary>The rule over <paramref name="schema"/>, or null when a column is missing.</summary>
    public static RuleSignal? For(FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        int ofi = schema.IndexOf("ofi_norm_fast"), micro = schema.IndexOf("microprice_minus_mid_bps"), imb = schema.IndexOf("imbalance_1");
        return ofi >= 0 && micro >= 0 && imb >= 0 ? new RuleSignal(ofi, micro, imb) : null;
    }

    /// <summary>The score of one feature row.</summary>
    public float Score(ReadOnlySpan<float> row) =>
        OfiWeight * MathF.Tanh(row[OfiColumn] / OfiScale)
        + MicropriceWeight * Math.Clamp(row[MicropriceColumn] / MicropriceScale, -1f, 1f)
        + ImbalanceWeight * Math.Clamp(row[ImbalanceColumn], -1f, 1f);
}
