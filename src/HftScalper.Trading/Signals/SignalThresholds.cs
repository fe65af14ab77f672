namespace HftScalper.Trading.Signals;

/// <summary>
/// Hysteresis band for one symbol: a direction is entered when its score reaches <see cref="Enter"/> and kept while
/// it stays at or above <see cref="Exit"/> (<c>Exit &lt;= Enter</c>), so a score hovering near one threshold does not
/// flip the signal on every event. Units are those of the scorer (probability for classifiers, ticks for
/// regressors, a [-1, 1] score for the fallback).
/// </summary>
/// <param name="Enter">Score needed to enter a direction from flat (or to flip from the opposite one).</param>
/// <param name="Exit">Score below which a held direction is left.</param>
public readonly record struct SignalThresholds(float Enter, float Exit)
{
    /// <summary>Throws when the band is not finite or <see cref="Exit"/> exceeds <see cref="Enter"/>.</summary>
    public void Validate()
    {
        if (!float.IsFinite(Enter) || !float.IsFinite(Exit))
            throw new ArgumentOutOfRangeException(nameof(Enter), $"thresholds must be finite (enter {Enter}, exit {Exit})");
        if (Exit > Enter)
            throw new ArgumentOutOfRangeException(nameof(Exit), $"exit threshold {Exit} above enter threshold {Enter}: no hysteresis band");
    }
}
