using System.Runtime.CompilerServices;
using HftScalper.Inference.Contracts;

namespace HftScalper.Trading.Signals;

/// <summary>
/// Turns a direction classifier's scores into a <see cref="Signal"/>. Scores are read at the canonical columns of
/// <see cref="DirectionContract"/> (a direction session serves them in that order whatever the model's own class
/// order, resolved by name when the model was loaded): direction by
/// the hysteresis rules of <see cref="DirectionHysteresis"/> on (p_up, p_down), confidence = probability of the
/// chosen direction (p_flat when flat), expected edge = <c>(p_dir - p_opposite) * MoveTicks</c>. Scores are
/// normalised to sum 1 first (a model without a softmax still works). Per-symbol thresholds can override the
/// default band. One writer thread; no allocation per call.
/// </summary>
public sealed class SignalGenerator
{
    private readonly SignalThresholds[] _thresholds;
    private readonly float _moveTicks;
    private long _invalid;

    /// <summary>Creates a generator over <paramref name="hysteresis"/> (share it with the fallback for continuity).</summary>
    public SignalGenerator(DirectionHysteresis hysteresis, SignalGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hysteresis);
        options ??= new SignalGeneratorOptions();
        options.Validate();
        Hysteresis = hysteresis;
        _moveTicks = options.MoveTicks;
        _thresholds = new SignalThresholds[hysteresis.SymbolCapacity];
        Array.Fill(_thresholds, options.Thresholds);
    }

    /// <summary>The direction state this generator updates.</summary>
    public DirectionHysteresis Hysteresis { get; }

    /// <summary>Calls refused: symbol id out of range, too few scores, or non-finite/negative/all-zero scores.</summary>
    public long InvalidInputs => _invalid;

    /// <summary>Overrides the probability band of one symbol (e.g. a wider band for a noisier market).</summary>
    public void SetThresholds(int symbolId, SignalThresholds thresholds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symbolId, _thresholds.Length);
        thresholds.Validate();
        _thresholds[symbolId] = thresholds;
    }

    /// <summary>The probability band of <paramref name="symbolId"/>.</summary>
    public SignalThresholds ThresholdsOf(int symbolId) => _thresholds[symbolId];

    /// <summary>
    /// Makes the signal of one decision from <paramref name="probabilities"/> (one model row, or an ensemble's
    /// combined row). Returns false, with a Flat signal of source <see cref="SignalSource.None"/> and the state
    /// untouched, when the input is unusable (the router then uses the fallback).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool FromModel(int symbolId, ReadOnlySpan<float> probabilities, in DecisionStamp stamp, out Signal signal,
        SignalSource source = SignalSource.Model)
    {
        signal = default;
        signal.SymbolId = symbolId;
        signal.TimeNs = stamp.ExchangeTimeNs;
        signal.EventLocalTimeNs = stamp.LocalTimeNs;
        signal.Sequence = stamp.Sequence;
        if ((uint)symbolId >= (uint)_thresholds.Length || probabilities.Length < DirectionContract.Count) return Invalid();
        float down = probabilities[DirectionContract.Down], flat = probabilities[DirectionContract.Flat], up = probabilities[DirectionContract.Up];
        float sum = down + flat + up;
        // One check covers NaN, infinities and negatives: any of them makes this comparison false or the sum bad.
        if (!(down >= 0 && flat >= 0 && up >= 0 && sum > 0 && float.IsFinite(sum))) return Invalid();
        float inv = 1f / sum;
        down *= inv; flat *= inv; up *= inv;

        var direction = Hysteresis.Next(symbolId, up, down, _thresholds[symbolId], stamp.ExchangeTimeNs);
        signal.Direction = direction;
        signal.Source = source;
        switch (direction)
        {
            case SignalDirection.Long:
                signal.Confidence = up;
                signal.ExpectedEdgeTicks = (up - down) * _moveTicks;
                break;
            case SignalDirection.Short:
                signal.Confidence = down;
                signal.ExpectedEdgeTicks = (down - up) * _moveTicks;
                break;
            default:
                signal.Confidence = flat;
                break;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Invalid()
    {
        _invalid++;
        return false;
    }
}
