using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Economics;

/// <summary>
/// Online calibration of one symbol's expected move: a monotone (non-decreasing) map from a model score to the mid move
/// that followed it, in bps, learned from the symbol's own resolved samples. A model's raw expected move is not a
/// calibrated one on a symbol it was not trained on (the bundled regressor serves a constant 0.40 bps on real BTCUSDT;
/// its class means put the fallback's entries at -5.1 bps where they realise +0.28), so the EV gate compares costs with
/// what this symbol's mid has actually done after such scores.
/// <para>
/// Sampling, as <c>BaselineGate</c> does: the first decision at or after each tick of the sampling clock is a sample.
/// Its score is standardised by the symbol's exponentially weighted score mean and deviation (so the same bins serve a
/// regressor in bps and a probability difference, and a constant score falls in one bin: it ranks nothing), binned
/// (<see cref="MoveCalibrationOptions.Bins"/> over +-<see cref="MoveCalibrationOptions.ZRange"/> sd) and queued with
/// the mid. Once it lies one horizon back, the mid move since then (bps of the mid then) is folded into its bin's
/// exponentially weighted sum (every bin decays by one sample). Each bin's mean is shrunk toward 0 by
/// <see cref="MoveCalibrationOptions.PriorSamples"/> pseudo-samples, and the bin means are made non-decreasing by
/// pooling adjacent violators (weights = bin weight + pseudo-samples). A score anti-monotone on this symbol pools to
/// its mean: the map cannot be read backwards.
/// </para>
/// <para>
/// No look-ahead: a decision is served by the map as of the latest sample at or before it, built from samples that
/// resolved by then. Deterministic (exchange time and the decision stream only); fixed-size state; no allocation,
/// lock or exception after construction.
/// </para>
/// </summary>
public sealed class MoveCalibrator
{
    private readonly long _horizonNs;
    private readonly long _intervalNs;
    private readonly int _bins;
    private readonly double _zRange;
    private readonly double _prior;
    private readonly double _decay;
    private readonly long[] _times;
    private readonly double[] _mids;
    private readonly byte[] _queuedBin;
    private readonly double[] _weight, _sum, _fit;
    private readonly double[] _blockValue, _blockWeight; // pooling scratch
    private readonly int[] _blockSize;
    private int _tail, _count;
    private long _nextSampleNs = long.MinValue;
    private double _scoreWeight, _scoreMean, _scoreM2;

    /// <summary>A calibrator resolving samples <paramref name="horizonNs"/> (> 0) after they were taken.</summary>
    public MoveCalibrator(long horizonNs, MoveCalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonNs);
        options.Validate();
        _horizonNs = horizonNs;
        _intervalNs = options.SampleIntervalNs;
        _bins = options.Bins;
        _zRange = options.ZRange;
        _prior = options.PriorSamples;
        _decay = Math.Pow(0.5, 1 / options.HalfLifeSamples);
        // At most one sample per clock tick: the samples of (t - h, t] plus the one at or before t - h fit.
        int capacity = (int)Math.Min(1 << 16, horizonNs / _intervalNs + 3);
        _times = new long[capacity];
        _mids = new double[capacity];
        _queuedBin = new byte[capacity];
        _weight = new double[_bins];
        _sum = new double[_bins];
        _fit = new double[_bins];
        _blockValue = new double[_bins];
        _blockWeight = new double[_bins];
        _blockSize = new int[_bins];
    }

    /// <summary>Samples resolved so far.</summary>
    public long Resolved { get; private set; }

    /// <summary>The current map: the calibrated move (bps, signed, up positive) of each bin, lowest score first.</summary>
    public ReadOnlySpan<double> Map => _fit;

    /// <summary>The bin of the exponentially weighted score statistics as of the latest sample (0 .. Bins - 1; the
    /// middle bin before two distinct scores were seen). NaN scores: -1.</summary>
    public int BinOf(double score)
    {
        if (!double.IsFinite(score)) return -1;
        double var = _scoreWeight > 0 ? _scoreM2 / _scoreWeight : 0;
        double z = var > 1e-24 ? (score - _scoreMean) / Math.Sqrt(var) : 0;
        double x = (z + _zRange) / (2 * _zRange) * _bins;
        return x <= 0 ? 0 : x >= _bins ? _bins - 1 : Math.Min(_bins - 1, (int)x);
    }

    /// <summary>The calibrated expected move for <paramref name="score"/>, bps of the mid, signed (NaN for a NaN score).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ExpectedMove(double score)
    {
        int bin = BinOf(score);
        return bin < 0 ? double.NaN : _fit[bin];
    }

    /// <summary>
    /// Feeds one decision of this symbol (exchange time, mid in ticks, the model's score). When it is the clock's next
    /// sample, every queued sample one horizon old is resolved against this mid, the map is refitted, and this one is
    /// queued; returns true then. Non-finite scores and non-positive or non-finite mids are ignored (false).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnDecision(long timeNs, double midTicks, double score)
    {
        if (timeNs < _nextSampleNs) return false;
        return Sample(timeNs, midTicks, score);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Sample(long timeNs, double midTicks, double score)
    {
        if (!(midTicks > 0) || double.IsInfinity(midTicks) || !double.IsFinite(score)) return false;
        _nextSampleNs = (timeNs / _intervalNs + 1) * _intervalNs;
        long cutoff = timeNs - _horizonNs;
        bool resolved = false;
        while (_count > 0 && _times[_tail] <= cutoff)
        {
            double then = _mids[_tail];
            double move = (midTicks - then) / then * 1e4;
            for (int k = 0; k < _bins; k++)
            {
                _weight[k] *= _decay;
                _sum[k] *= _decay;
            }
            int bin = _queuedBin[_tail];
            _weight[bin] += 1;
            _sum[bin] += move;
            _tail = (_tail + 1) % _times.Length;
            _count--;
            Resolved++;
            resolved = true;
        }
        if (resolved) Refit();
        // The score's statistics (West's weighted incremental mean and variance), then this sample's bin by them.
        _scoreWeight = _scoreWeight * _decay + 1;
        double delta = score - _scoreMean;
        _scoreMean += delta / _scoreWeight;
        _scoreM2 = _scoreM2 * _decay + delta * (score - _scoreMean);
        if (_count == _times.Length) { _tail = (_tail + 1) % _times.Length; _count--; } // cannot happen on a clock; keeps the ring safe
        int head = (_tail + _count) % _times.Length;
        _times[head] = timeNs;
        _mids[head] = midTicks;
        _queuedBin[head] = (byte)BinOf(score);
        _count++;
        return true;
    }

    // Shrunk bin means made non-decreasing by pooling adjacent violators (one pass with a stack of blocks).
    private void Refit()
    {
        int blocks = 0;
        for (int k = 0; k < _bins; k++)
        {
            double w = _weight[k] + _prior;
            double v = w > 0 ? _sum[k] / w : 0;
            _blockValue[blocks] = v;
            _blockWeight[blocks] = w;
            _blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && _blockValue[blocks - 2] > _blockValue[blocks - 1])
            {
                double wa = _blockWeight[blocks - 2], wb = _blockWeight[blocks - 1];
                double pooled = wa + wb;
                _blockValue[blocks - 2] = pooled > 0 ? (_blockValue[blocks - 2] * wa + _blockValue[blocks - 1] * wb) / pooled
                    : (_blockValue[blocks - 2] + _blockValue[blocks - 1]) * 0.5;
                _blockWeight[blocks - 2] = pooled;
                _blockSize[blocks - 2] += _blockSize[blocks - 1];
                blocks--;
            }
        }
        int i = 0;
        for (int b = 0; b < blocks; b++)
            for (int n = 0; n < _blockSize[b]; n++) _fit[i++] = _blockValue[b];
    }
}
