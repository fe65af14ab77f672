using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Economics;

/// <summary>
/// Online calibration of one symbol's expected move: a monotone (non-decreasing) map from a model score to the mid move
/// that followed it, in bps, learned from the symbol's own resolved samples. A model's raw expected move is not a
/// calibrated one on a symbol it was not trained on (the bundled regressor serves a constant 0.40 bps on real BTCUSDT;
/// its class means put the fallback's entries at -5.1 bps where they realise +0.28), so the EV gate compares costs with
/// what this symbol's mid has actually done after such scores.
/// <para>
/// Samples: the first decision at or after each tick of the sampling clock, as <c>BaselineGate</c> samples; with
/// <see cref="MoveConditioning.Signal"/> only decisions whose signal has a direction, score and move taken in that
/// direction, in two maps: every signal onset is a sample of the onset map, clock ticks while the signal holds are
/// samples of the held map. A sample's score is standardised by the symbol's exponentially weighted score mean and
/// deviation (so the same bins serve a regressor in bps and a probability difference, and a constant score falls in one
/// bin: it ranks nothing), binned (<see cref="MoveCalibrationOptions.Bins"/> over
/// +-<see cref="MoveCalibrationOptions.ZRange"/> sd) and queued with the mid. At every clock tick each queued sample one
/// horizon old is resolved: the mid move since then (bps of the mid then) is folded into its bin's exponentially
/// weighted sum (every bin of its map decays by one sample). Each bin's mean is shrunk toward 0 by
/// <see cref="MoveCalibrationOptions.PriorSamples"/> pseudo-samples, and a map's bin means are made non-decreasing by
/// pooling adjacent violators (weights = bin weight + pseudo-samples). A score anti-monotone on this symbol pools to its
/// mean: the map cannot be read backwards.
/// </para>
/// <para>
/// No look-ahead: a decision is served by the maps as they were after the latest resolution at or before it, built
/// only from moves realised by then. Deterministic (exchange time and the decision stream only); fixed-size state; no
/// allocation, lock or exception after construction.
/// </para>
/// </summary>
public sealed class MoveCalibrator
{
    private const int Onset = 0, Held = 1;
    private readonly long _horizonNs;
    private readonly long _intervalNs;
    private readonly int _bins;
    private readonly double _zRange;
    private readonly double _prior;
    private readonly double _decay;
    private readonly bool _conditioned;
    private readonly long[] _times;
    private readonly double[] _mids;
    private readonly short[] _queuedCell; // map x bins + bin
    private readonly sbyte[] _queuedSign;
    private readonly double[] _weight, _sum, _fit; // maps x bins
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
        _conditioned = options.Conditioning == MoveConditioning.Signal;
        // One clock sample per tick over (t - h, t] plus the one at or before t - h, and as many onsets again (a signal
        // changes direction at most once per decision; beyond that the oldest sample is dropped and counted).
        int ticks = (int)Math.Min(1 << 15, horizonNs / _intervalNs + 3);
        int capacity = _conditioned ? 2 * ticks + 16 : ticks;
        _times = new long[capacity];
        _mids = new double[capacity];
        _queuedCell = new short[capacity];
        _queuedSign = new sbyte[capacity];
        int cells = (_conditioned ? 2 : 1) * _bins;
        _weight = new double[cells];
        _sum = new double[cells];
        _fit = new double[cells];
        _blockValue = new double[_bins];
        _blockWeight = new double[_bins];
        _blockSize = new int[_bins];
    }

    /// <summary>Samples resolved so far.</summary>
    public long Resolved { get; private set; }

    /// <summary>Samples dropped unresolved because the queue was full (more onsets within a horizon than it holds).</summary>
    public long Dropped { get; private set; }

    /// <summary>The current map: the calibrated move (bps, in the frame the samples were taken) of each bin, lowest
    /// score first; with <see cref="MoveConditioning.Signal"/> the onset map's bins, then the held map's.</summary>
    public ReadOnlySpan<double> Map => _fit;

    /// <summary>The bin of <paramref name="score"/> by the exponentially weighted score statistics as of the latest
    /// sample (0 .. Bins - 1; z = 0, the middle, before the scores vary). -1 for a non-finite score.</summary>
    public int BinOf(double score)
    {
        if (!double.IsFinite(score)) return -1;
        double var = _scoreWeight > 0 ? _scoreM2 / _scoreWeight : 0;
        double z = var > 1e-24 ? (score - _scoreMean) / Math.Sqrt(var) : 0;
        double x = (z + _zRange) / (2 * _zRange) * _bins;
        return x <= 0 ? 0 : x >= _bins ? _bins - 1 : Math.Min(_bins - 1, (int)x);
    }

    /// <summary>
    /// The calibrated expected move, bps of the mid, signed (up positive), for <paramref name="score"/> (signed, up
    /// positive) of a decision whose signal has <paramref name="direction"/> (+1, -1, 0) and is at its
    /// <paramref name="onset"/> or not: with <see cref="MoveConditioning.Signal"/>
    /// <c>direction x map_phase(direction x score)</c> (NaN without a direction), else <c>map(score)</c>. NaN for a
    /// non-finite score.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ExpectedMove(double score, int direction, bool onset)
    {
        if (!_conditioned) return BinOf(score) is var b and >= 0 ? _fit[b] : double.NaN;
        if (direction == 0) return double.NaN;
        int s = direction > 0 ? 1 : -1;
        int bin = BinOf(s * score);
        return bin < 0 ? double.NaN : s * _fit[(onset ? Onset : Held) * _bins + bin];
    }

    /// <summary>
    /// Feeds one decision of this symbol: exchange time, mid in ticks, the model's score (signed), the direction of the
    /// strategy's signal and whether this decision is its onset (the direction changed to it here). At the clock's next
    /// tick every queued sample one horizon old is resolved against this mid and the maps refitted, and the decision is
    /// queued (<see cref="MoveConditioning.Signal"/>: only with a direction, to the held map unless it is an onset); an
    /// onset with a direction is queued to the onset map whether or not it falls on a tick. Returns true when it was
    /// queued. Non-positive or non-finite mids are ignored; a non-finite score is not queued.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnDecision(long timeNs, double midTicks, double score, int direction, bool onset)
    {
        bool tick = timeNs >= _nextSampleNs;
        if (!tick && !(_conditioned && onset && direction != 0)) return false;
        return Sample(timeNs, midTicks, score, direction, onset, tick);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Sample(long timeNs, double midTicks, double score, int direction, bool onset, bool tick)
    {
        if (!(midTicks > 0) || double.IsInfinity(midTicks)) return false;
        if (tick)
        {
            _nextSampleNs = (timeNs / _intervalNs + 1) * _intervalNs;
            Resolve(timeNs, midTicks);
        }
        int sign = _conditioned ? Math.Sign(direction) : 1;
        if (sign == 0 || !double.IsFinite(score)) return false;
        int map = _conditioned && onset ? Onset : Held;
        if (map == Held && _conditioned && !tick) return false;
        score *= sign;
        // The score's statistics (West's weighted incremental mean and variance), then this sample's bin by them.
        _scoreWeight = _scoreWeight * _decay + 1;
        double delta = score - _scoreMean;
        _scoreMean += delta / _scoreWeight;
        _scoreM2 = _scoreM2 * _decay + delta * (score - _scoreMean);
        if (_count == _times.Length)
        {
            _tail = (_tail + 1) % _times.Length;
            _count--;
            Dropped++;
        }
        int head = (_tail + _count) % _times.Length;
        _times[head] = timeNs;
        _mids[head] = midTicks;
        _queuedCell[head] = (short)((_conditioned ? map : 0) * _bins + BinOf(score));
        _queuedSign[head] = (sbyte)sign;
        _count++;
        return true;
    }

    // Folds every queued sample at least one horizon back, against the mid now, and refits the maps it touched.
    private void Resolve(long timeNs, double midTicks)
    {
        long cutoff = timeNs - _horizonNs;
        bool onset = false, held = false;
        while (_count > 0 && _times[_tail] <= cutoff)
        {
            double then = _mids[_tail];
            double move = (midTicks - then) / then * 1e4;
            int cell = _queuedCell[_tail];
            int first = cell / _bins * _bins;
            for (int k = first; k < first + _bins; k++)
            {
                _weight[k] *= _decay;
                _sum[k] *= _decay;
            }
            _weight[cell] += 1;
            _sum[cell] += _queuedSign[_tail] * move;
            if (first == 0) onset = true; else held = true;
            _tail = (_tail + 1) % _times.Length;
            _count--;
            Resolved++;
        }
        if (onset) Refit(0);
        if (held) Refit(_bins);
    }

    // One map's shrunk bin means made non-decreasing by pooling adjacent violators (one pass with a stack of blocks).
    private void Refit(int first)
    {
        int blocks = 0;
        for (int k = first; k < first + _bins; k++)
        {
            double w = _weight[k] + _prior;
            _blockValue[blocks] = w > 0 ? _sum[k] / w : 0;
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
        int i = first;
        for (int b = 0; b < blocks; b++)
            for (int n = 0; n < _blockSize[b]; n++) _fit[i++] = _blockValue[b];
    }
}
