using System.Runtime.CompilerServices;
using HftScalper.Inference.Contracts;

namespace HftScalper.Inference.Calibration;

/// <summary>
/// Per-symbol, online correction of a direction model's P(move): a label-shift ("prior-shift") estimate that makes
/// the model's mean P(move) on this symbol match how often this symbol's mid has actually moved at the model's horizon.
/// A model trained on busy books calls moves where a quiet book stays flat; the correction reads the quiet book's own
/// recent history and shifts the move logit by <c>logit(realised share) − logit(mean predicted P(move))</c>, keeping
/// the direction split P(up | move).
/// <para>
/// Deterministic in replay: driven by exchange time and the decision stream only. It observes the first decision at or
/// after each tick of the model's sampling clock (the rule training samples by), records that sample's mid, and once
/// a sample lies at least one horizon back it folds the pair (realised: did the mid move by more than the labelling
/// threshold since that sample? predicted: the model's uncorrected P(move) now) into exponentially weighted shares.
/// The realised share is shrunk toward a cold share with <see cref="MovePriorOptions.PriorSamples"/> pseudo-samples:
/// the predicted share moved by <see cref="MovePriorOptions.ColdOffset"/> in the logit, so the correction is that
/// offset (0 unless the settings ask for a cold start) until evidence accumulates; with
/// <see cref="MovePriorOptions.PriorFades"/> the pseudo-samples are forgotten like samples, so their pull fades to 0.
/// State: a ring of the samples of the last horizon (fixed size), four sums; no allocation after construction.
/// </para>
/// </summary>
public sealed class MovePriorTracker
{
    private readonly long _horizonNs;
    private readonly long _intervalNs;
    private readonly MoveThreshold _threshold;
    private readonly double _decay;
    private readonly MovePriorOptions _options;
    private readonly long[] _times;
    private readonly double[] _mids;
    private int _head; // next write
    private int _count;
    private long _nextSampleNs = long.MinValue;
    private double _weight, _realised, _predicted;
    private double _pseudo; // the pseudo-samples' weight now: PriorSamples, decayed per pair when PriorFades

    /// <summary>A tracker for a model of <paramref name="horizonNs"/> labelled with <paramref name="threshold"/>,
    /// sampled every <paramref name="sampleIntervalNs"/> (> 0) of exchange time.</summary>
    public MovePriorTracker(long horizonNs, long sampleIntervalNs, MoveThreshold threshold, MovePriorOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonNs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleIntervalNs);
        _options = options ?? new MovePriorOptions();
        _options.Validate();
        _horizonNs = horizonNs;
        _intervalNs = sampleIntervalNs;
        _threshold = threshold;
        _decay = Math.Pow(0.5, 1 / _options.HalfLifeSamples);
        // At most one sample per clock tick: the samples of (t - h, t] plus the one at or before t - h fit.
        int capacity = (int)Math.Min(1 << 16, horizonNs / sampleIntervalNs + 3);
        _times = new long[capacity];
        _mids = new double[capacity];
        _pseudo = _options.PriorSamples;
        Offset = Math.Clamp(_options.ColdOffset, -_options.MaxOffset, _options.MaxRaise);
    }

    /// <summary>The current correction of the move logit (<see cref="MovePriorOptions.ColdOffset"/> until a sample one
    /// horizon old has been seen).</summary>
    public double Offset { get; private set; }

    /// <summary>Pairs folded into the shares so far.</summary>
    public long Observations { get; private set; }

    /// <summary>Exponentially weighted realised move share (NaN before the first pair).</summary>
    public double RealisedShare => _weight > 0 ? _realised / _weight : double.NaN;

    /// <summary>Exponentially weighted mean of the model's uncorrected P(move) (NaN before the first pair).</summary>
    public double PredictedShare => _weight > 0 ? _predicted / _weight : double.NaN;

    /// <summary>
    /// Feeds one decision of this symbol: its exchange time, mid (ticks, positive) and the model's uncorrected
    /// P(move) = 1 − P(flat). Returns true when the decision was a sample (it may have changed <see cref="Offset"/>).
    /// Non-finite or non-positive input is ignored (false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnDecision(long timeNs, double midTicks, float pMove)
    {
        if (timeNs < _nextSampleNs) return false;
        return Sample(timeNs, midTicks, pMove);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Sample(long timeNs, double midTicks, float pMove)
    {
        if (!(midTicks > 0) || double.IsInfinity(midTicks) || !float.IsFinite(pMove)) return false;
        _nextSampleNs = (timeNs / _intervalNs + 1) * _intervalNs;
        // The latest earlier sample at least one horizon back.
        long cutoff = timeNs - _horizonNs;
        for (int k = 1; k <= _count; k++)
        {
            int i = (_head - k + _times.Length) % _times.Length;
            if (_times[i] > cutoff) continue;
            bool moved = _threshold.Classify(midTicks - _mids[i], _mids[i]) != DirectionContract.Flat;
            _weight = _weight * _decay + 1;
            _realised = _realised * _decay + (moved ? 1 : 0);
            _predicted = _predicted * _decay + Math.Clamp(pMove, 0f, 1f);
            if (_options.PriorFades) _pseudo *= _decay;
            Observations++;
            Offset = Correction();
            break;
        }
        _times[_head] = timeNs;
        _mids[_head] = midTicks;
        _head = (_head + 1) % _times.Length;
        if (_count < _times.Length) _count++;
        return true;
    }

    private double Correction()
    {
        double f = _options.Floor;
        double predicted = _predicted / _weight;
        double p = Math.Clamp(predicted, f, 1 - f);
        // The pseudo-samples' share: the model's own (the arithmetic of every model before session 18, unclamped), or
        // sigmoid(logit(p) + ColdOffset), which is where the correction starts on a cold symbol.
        double cold = _options.ColdOffset == 0 ? predicted : 1 / (1 + (1 - p) / p * Math.Exp(-_options.ColdOffset));
        double realised = (_realised + _pseudo * cold) / (_weight + _pseudo);
        double r = Math.Clamp(realised, f, 1 - f);
        double offset = Math.Log(r / (1 - r)) - Math.Log(p / (1 - p));
        return Math.Clamp(offset, -_options.MaxOffset, _options.MaxRaise);
    }
}
