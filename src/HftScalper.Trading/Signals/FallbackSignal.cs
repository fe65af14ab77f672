using System.Runtime.CompilerServices;
using HftScalper.Features.Schema;

namespace HftScalper.Trading.Signals;

/// <summary>
/// Rule-based signal used when no healthy model serves: a weighted score in [-1, 1] of three microstructure
/// features, each squashed to [-1, 1] — short-window order-flow imbalance relative to the depth (<c>ofi_norm_fast</c>,
/// tanh-scaled), microprice minus mid in bps (<c>microprice_minus_mid_bps</c>, clamped) and top-level depth imbalance
/// (<c>imbalance_1</c>) — divided by the sum of the weights. Positive = buying pressure. The score goes through the
/// shared <see cref="DirectionHysteresis"/> as (max(score,0), max(-score,0)). Feature columns are looked up by name
/// once, at construction. One writer thread; no allocation per call.
/// </summary>
public sealed class FallbackSignal
{
    /// <summary>Feature names the fallback reads (they must exist in the engine's schema).</summary>
    public const string OfiFeature = "ofi_norm_fast", MicropriceFeature = "microprice_minus_mid_bps", ImbalanceFeature = "imbalance_1";

    private readonly int _ofi, _micro, _imbalance, _minWidth;
    private readonly float _wOfi, _wMicro, _wImb, _invOfiScale, _invMicroScale, _confidenceSlope, _moveTicks;
    private readonly SignalThresholds _thresholds;
    private long _invalid;

    /// <summary>Creates the fallback for rows laid out by <paramref name="schema"/>; throws when a needed feature is missing.</summary>
    public FallbackSignal(FeatureSchema schema, DirectionHysteresis hysteresis, FallbackSignalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(hysteresis);
        options ??= new FallbackSignalOptions();
        options.Validate();
        Hysteresis = hysteresis;
        _ofi = Require(schema, OfiFeature);
        _micro = Require(schema, MicropriceFeature);
        _imbalance = Require(schema, ImbalanceFeature);
        _minWidth = Math.Max(_ofi, Math.Max(_micro, _imbalance)) + 1;
        float wSum = options.OfiWeight + options.MicropriceWeight + options.ImbalanceWeight;
        _wOfi = options.OfiWeight / wSum;
        _wMicro = options.MicropriceWeight / wSum;
        _wImb = options.ImbalanceWeight / wSum;
        _invOfiScale = 1f / options.OfiScaleDepth;
        _invMicroScale = 1f / options.MicropriceScaleBps;
        _confidenceSlope = options.MaxConfidence - 0.5f;
        _moveTicks = options.MoveTicks;
        _thresholds = options.Thresholds;
    }

    /// <summary>The direction state this fallback updates.</summary>
    public DirectionHysteresis Hysteresis { get; }

    /// <summary>Calls refused: symbol out of range, short row, or a non-finite input feature.</summary>
    public long InvalidInputs => _invalid;

    /// <summary>The combined score in [-1, 1] of one feature row (NaN when an input is not finite or the row is short).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length < _minWidth) return float.NaN;
        float ofi = features[_ofi], micro = features[_micro], imbalance = features[_imbalance];
        if (!float.IsFinite(ofi) || !float.IsFinite(micro) || !float.IsFinite(imbalance)) return float.NaN;
        return _wOfi * MathF.Tanh(ofi * _invOfiScale)
            + _wMicro * Math.Clamp(micro * _invMicroScale, -1f, 1f)
            + _wImb * Math.Clamp(imbalance, -1f, 1f);
    }

    /// <summary>
    /// Makes the fallback signal of one decision from its feature row. Returns false, with a Flat signal of source
    /// <see cref="SignalSource.None"/> and the state untouched, when the row is unusable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Evaluate(int symbolId, ReadOnlySpan<float> features, in DecisionStamp stamp, out Signal signal)
    {
        signal = default;
        signal.SymbolId = symbolId;
        signal.TimeNs = stamp.ExchangeTimeNs;
        signal.EventLocalTimeNs = stamp.LocalTimeNs;
        signal.Sequence = stamp.Sequence;
        float score = Score(features);
        if ((uint)symbolId >= (uint)Hysteresis.SymbolCapacity || float.IsNaN(score)) return Invalid();

        var direction = Hysteresis.Next(symbolId, MathF.Max(score, 0), MathF.Max(-score, 0), _thresholds, stamp.ExchangeTimeNs);
        signal.Direction = direction;
        signal.Source = SignalSource.Fallback;
        if (direction != SignalDirection.Flat)
        {
            float strength = MathF.Abs(score);
            signal.Confidence = 0.5f + _confidenceSlope * strength;
            signal.ExpectedEdgeTicks = (2 * signal.Confidence - 1) * _moveTicks;
        }
        return true;
    }

    private static int Require(FeatureSchema schema, string name)
    {
        int i = schema.IndexOf(name);
        if (i < 0) throw new ArgumentException($"the fallback signal needs feature '{name}', which schema v{schema.Version} ({schema.Count} features) lacks", nameof(schema));
        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Invalid()
    {
        _invalid++;
        return false;
    }
}
