using HftScalper.Core.Settings;

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
    /// <summary>Throws a <see cref="SettingException"/> naming <paramref name="enterKey"/> or <paramref name="exitKey"/>
    /// when the band is not finite or <see cref="Exit"/> exceeds <see cref="Enter"/>.</summary>
    public void Validate(string enterKey = "enter", string exitKey = "exit")
    {
        if (!float.IsFinite(Enter)) throw new SettingException($"{enterKey} = {Enter} is not a finite number");
        if (!float.IsFinite(Exit)) throw new SettingException($"{exitKey} = {Exit} is not a finite number");
        if (Exit > Enter)
            throw new SettingException($"{exitKey} = {SettingRange.Format(Exit)} is above {enterKey} = {SettingRange.Format(Enter)}: no hysteresis band");
    }
}
