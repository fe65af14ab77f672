namespace HftScalper.Trading.Signals;

/// <summary>How model probabilities become signals (see <see cref="SignalGenerator"/>).</summary>
public sealed class SignalGeneratorOptions
{
    /// <summary>
    /// Probability band for entering/leaving a direction. Default enter 0.55, exit 0.45: with three classes the
    /// uninformed level is 1/3, so 0.55 asks for a clear lean and 0.45 keeps a position through small wobbles.
    /// </summary>
    public SignalThresholds Thresholds { get; init; } = new(0.55f, 0.45f);

    /// <summary>
    /// Typical favourable move, in ticks, when the direction call is right (and the loss when it is wrong); the
    /// expected edge is <c>(p_dir - p_opposite) * MoveTicks</c>. Default 1 tick (a scalping horizon's usual move).
    /// </summary>
    public float MoveTicks { get; init; } = 1f;

    internal void Validate()
    {
        Thresholds.Validate();
        if (!float.IsFinite(MoveTicks) || MoveTicks < 0) throw new ArgumentOutOfRangeException(nameof(MoveTicks), $"move must be finite and >= 0, not {MoveTicks}");
    }
}
