using HftScalper.Core.Settings;

namespace HftScalper.Trading.Signals;

/// <summary>How model probabilities become signals (see <see cref="SignalGenerator"/>).</summary>
public sealed record SignalGeneratorOptions
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

    /// <summary>
    /// Throws a <see cref="SettingException"/> naming the key unless both thresholds are probabilities in (0, 1) and
    /// the exit is not above the enter threshold.
    /// </summary>
    public static void ValidateProbabilities(SignalThresholds thresholds, string enterKey, string exitKey)
    {
        if (!(thresholds.Enter > 0 && thresholds.Enter < 1)) throw SettingRange.OutOfRange(enterKey, SettingRange.Format(thresholds.Enter), "(0, 1)");
        if (!(thresholds.Exit > 0 && thresholds.Exit < 1)) throw SettingRange.OutOfRange(exitKey, SettingRange.Format(thresholds.Exit), "(0, 1)");
        thresholds.Validate(enterKey, exitKey);
    }

    /// <summary>Checks the settings; errors name the key as <paramref name="keyPrefix"/> + camelCase property.</summary>
    public void Validate(string keyPrefix = "")
    {
        ValidateProbabilities(Thresholds, keyPrefix + "thresholds.enter", keyPrefix + "thresholds.exit");
        if (!float.IsFinite(MoveTicks) || MoveTicks < 0) throw new SettingException($"{keyPrefix}moveTicks = {MoveTicks} must be finite and >= 0");
    }
}
