using HftScalper.Inference.Contracts;

namespace HftScalper.Inference.Calibration;

/// <summary>
/// Per-symbol, online abstention toward the symbol's own baseline: serves the model's row while the model has been
/// right on this symbol at least as often as a running baseline, and the baseline's row otherwise. The baseline is the
/// symbol's realised class frequencies conditioned on its last move (a 3×3 table: rows = the class of the move over the
/// last horizon, columns = the class of the move that followed), so it is the majority class where the last move says
/// nothing and persistence (or reversal) where it does — the two baselines a direction model must not lose to.
/// <para>
/// Nothing is tuned per market: whether the model or the baseline serves is decided by the symbol's own resolved
/// samples. Every sample (the first decision at or after each tick of the sampling clock) is queued with what both
/// predicted and the class of the last move; once it lies one horizon back its realised class is the move of the mid
/// since then, and the two exponentially weighted hit counts and the table are updated; the baseline serves once its
/// weighted hits lead the model's by more than <see cref="BaselineGateOptions.Lead"/> (so the model serves until
/// evidence says otherwise, and a near tie does not flip the choice back and forth). The choice at a sample uses only samples resolved before it (no
/// look-ahead). Deterministic; fixed-size state; no allocation after construction.
/// </para>
/// </summary>
public sealed class BaselineGate
{
    private const int C = DirectionContract.Count;
    private readonly long _horizonNs;
    private readonly long _intervalNs;
    private readonly MoveThreshold _threshold;
    private readonly BaselineGateOptions _options;
    private readonly double _decay;
    private readonly long[] _times;
    private readonly double[] _mids;
    private readonly byte[] _modelClass, _baselineClass, _lastMove;
    private readonly double[] _table = new double[C * C];
    private int _tail, _count;
    private long _nextSampleNs = long.MinValue;
    private double _behindMid = double.NaN;
    private double _weight, _modelHits, _baselineHits;

    /// <summary>A gate for a model of <paramref name="horizonNs"/> labelled with <paramref name="threshold"/>, sampled every
    /// <paramref name="sampleIntervalNs"/> (> 0) of exchange time.</summary>
    public BaselineGate(long horizonNs, long sampleIntervalNs, MoveThreshold threshold, BaselineGateOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonNs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleIntervalNs);
        _options = options ?? new BaselineGateOptions();
        _options.Validate();
        _horizonNs = horizonNs;
        _intervalNs = sampleIntervalNs;
        _threshold = threshold;
        _decay = Math.Pow(0.5, 1 / _options.HalfLifeSamples);
        int capacity = (int)Math.Min(1 << 16, horizonNs / sampleIntervalNs + 3);
        _times = new long[capacity];
        _mids = new double[capacity];
        _modelClass = new byte[capacity];
        _baselineClass = new byte[capacity];
        _lastMove = new byte[capacity];
    }

    /// <summary>True while the baseline's row is served instead of the model's.</summary>
    public bool Abstaining { get; private set; }

    /// <summary>Samples resolved so far (pairs whose realised class is known).</summary>
    public long Resolved { get; private set; }

    /// <summary>The model's exponentially weighted hit rate on this symbol (NaN before the first resolved sample).</summary>
    public double ModelRate => _weight > 0 ? _modelHits / _weight : double.NaN;

    /// <summary>The baseline's exponentially weighted hit rate on this symbol (NaN before the first resolved sample).</summary>
    public double BaselineRate => _weight > 0 ? _baselineHits / _weight : double.NaN;

    /// <summary>The class of the move over the last horizon as of the latest sample (flat before a horizon of history).</summary>
    public int LastMove { get; private set; } = DirectionContract.Flat;

    /// <summary>
    /// Feeds one decision of this symbol (exchange time, mid in ticks) with the model's row P(down, flat, up) in
    /// <paramref name="row"/>; when the gate abstains the row is overwritten with the baseline's (the smoothed realised
    /// class shares after the last move's class). Rows of decisions between clock ticks are gated by the latest choice.
    /// Returns true when the decision was a sample. Non-finite or non-positive mids are ignored (the row is still gated).
    /// </summary>
    public bool OnDecision(long timeNs, double midTicks, Span<float> row)
    {
        bool sampled = false;
        if (timeNs >= _nextSampleNs && midTicks > 0 && !double.IsInfinity(midTicks) && row.Length >= C)
        {
            Sample(timeNs, midTicks, row);
            sampled = true;
        }
        Serve(row);
        return sampled;
    }

    /// <summary>Gates <paramref name="row"/> by the current choice without observing anything (a decision the gate must
    /// not learn from, e.g. on an unsynced book). Returns true when the baseline's row was written.</summary>
    public bool Serve(Span<float> row)
    {
        if (!Abstaining || row.Length < C) return false;
        BaselineRow(LastMove, row);
        return true;
    }

    private void Sample(long timeNs, double midTicks, ReadOnlySpan<float> row)
    {
        _nextSampleNs = (timeNs / _intervalNs + 1) * _intervalNs;
        long cutoff = timeNs - _horizonNs;
        // Resolve every queued sample at least one horizon back against the mid now.
        while (_count > 0 && _times[_tail] <= cutoff)
        {
            double then = _mids[_tail];
            int realised = _threshold.Classify(midTicks - then, then);
            _weight = _weight * _decay + 1;
            _modelHits = _modelHits * _decay + (_modelClass[_tail] == realised ? 1 : 0);
            _baselineHits = _baselineHits * _decay + (_baselineClass[_tail] == realised ? 1 : 0);
            for (int k = 0; k < _table.Length; k++) _table[k] *= _decay;
            _table[_lastMove[_tail] * C + realised] += 1;
            _behindMid = then;
            _tail = (_tail + 1) % _times.Length;
            _count--;
            Resolved++;
        }
        LastMove = double.IsNaN(_behindMid) ? DirectionContract.Flat : _threshold.Classify(midTicks - _behindMid, _behindMid);
        Abstaining = _baselineHits - _modelHits > _options.Lead;
        if (_count == _times.Length) { _tail = (_tail + 1) % _times.Length; _count--; } // cannot happen on a clock; keeps the ring safe
        int head = (_tail + _count) % _times.Length;
        _times[head] = timeNs;
        _mids[head] = midTicks;
        _modelClass[head] = (byte)ArgMax(row);
        _baselineClass[head] = (byte)BaselineClass(LastMove);
        _lastMove[head] = (byte)LastMove;
        _count++;
    }

    /// <summary>The baseline's class after a last move of class <paramref name="lastMove"/>: the most frequent realised
    /// class in that row of the table, else in the whole table (the majority), ties to flat, then to the last move.</summary>
    private int BaselineClass(int lastMove)
    {
        Span<float> p = stackalloc float[C];
        BaselineRow(lastMove, p);
        return ArgMax(p);
    }

    /// <summary>Writes the baseline's row: the realised class shares after <paramref name="lastMove"/>, smoothed toward
    /// the shares after any move (one pseudo-sample), which are smoothed toward uniform (one pseudo-sample).</summary>
    private void BaselineRow(int lastMove, Span<float> row)
    {
        double total = 0, given = 0;
        for (int y = 0; y < C; y++)
        {
            total += _table[0 * C + y] + _table[1 * C + y] + _table[2 * C + y];
            given += _table[lastMove * C + y];
        }
        for (int y = 0; y < C; y++)
        {
            double all = _table[0 * C + y] + _table[1 * C + y] + _table[2 * C + y];
            double marginal = (all + 1.0 / C) / (total + 1);
            row[y] = (float)((_table[lastMove * C + y] + marginal) / (given + 1));
        }
    }

    // Ties: flat first (abstaining is never a guess), then down before up.
    private static int ArgMax(ReadOnlySpan<float> p)
    {
        int best = DirectionContract.Flat;
        for (int y = 0; y < C; y++)
            if (p[y] > p[best]) best = y;
        return best;
    }
}
