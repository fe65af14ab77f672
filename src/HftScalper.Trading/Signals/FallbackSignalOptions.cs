namespace HftScalper.Trading.Signals;

/// <summary>
/// Parameters of the rule-based <see cref="FallbackSignal"/>. The defaults are a neutral starting point, not a
/// calibration. Both inputs are scale-free (feature schema v2), so the defaults mean the same on every symbol.
/// </summary>
public sealed record FallbackSignalOptions
{
    /// <summary>Weight of the order-flow-imbalance term (<c>tanh(ofi_norm_fast / OfiScaleDepth)</c>).</summary>
    public float OfiWeight { get; init; } = 0.4f;

    /// <summary>Weight of the microprice term (<c>clamp(microprice_minus_mid_bps / MicropriceScaleBps, -1, 1)</c>).</summary>
    public float MicropriceWeight { get; init; } = 0.3f;

    /// <summary>Weight of the top-level depth imbalance term (<c>imbalance_1</c>, already in [-1, 1]).</summary>
    public float ImbalanceWeight { get; init; } = 0.3f;

    /// <summary>OFI, in multiples of the mean top-5 depth per side, that counts as a strong push (tanh reaches 0.76 there).</summary>
    public float OfiScaleDepth { get; init; } = 0.5f;

    /// <summary>Microprice deviation, in bps of the mid, that counts as a full lean (a 1 bps spread allows at most
    /// 0.5; on a one-tick BTCUSDT book the term stays small and <c>imbalance_1</c> carries the same lean).</summary>
    public float MicropriceScaleBps { get; init; } = 0.5f;

    /// <summary>Band on the combined score in [-1, 1]. Default enter 0.5, exit 0.2.</summary>
    public SignalThresholds Thresholds { get; init; } = new(0.5f, 0.2f);

    /// <summary>
    /// Confidence reported at a full score (|score| = 1); it falls linearly to 0.5 at score 0. Kept low (0.6) so a
    /// Kelly sizer bets little on an uncalibrated rule.
    /// </summary>
    public float MaxConfidence { get; init; } = 0.6f;

    /// <summary>Typical move in ticks; expected edge = <c>(2*confidence - 1) * MoveTicks</c>.</summary>
    public float MoveTicks { get; init; } = 1f;

    internal void Validate()
    {
        Thresholds.Validate();
        static void Positive(float v, string name)
        {
            if (!float.IsFinite(v) || v <= 0) throw new ArgumentOutOfRangeException(name, $"{name} must be finite and > 0, not {v}");
        }
        static void NonNegative(float v, string name)
        {
            if (!float.IsFinite(v) || v < 0) throw new ArgumentOutOfRangeException(name, $"{name} must be finite and >= 0, not {v}");
        }
        NonNegative(OfiWeight, nameof(OfiWeight));
        NonNegative(MicropriceWeight, nameof(MicropriceWeight));
        NonNegative(ImbalanceWeight, nameof(ImbalanceWeight));
        if (OfiWeight + MicropriceWeight + ImbalanceWeight <= 0) throw new ArgumentException("at least one fallback weight must be > 0");
        Positive(OfiScaleDepth, nameof(OfiScaleDepth));
        Positive(MicropriceScaleBps, nameof(MicropriceScaleBps));
        NonNegative(MoveTicks, nameof(MoveTicks));
        if (!(MaxConfidence >= 0.5f && MaxConfidence <= 1f)) throw new ArgumentOutOfRangeException(nameof(MaxConfidence), $"must be in [0.5, 1], not {MaxConfidence}");
    }
}
