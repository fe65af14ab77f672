namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Accumulates per-decision differences into blocks of exchange time (<see cref="OutcomeBlocks"/>) and keeps the
/// running mean and variance of the block means (Welford), so <see cref="Result"/> is O(1) and nothing is stored per
/// decision. Outcomes arrive in decision-time order (per symbol; across symbols nearly so): a decision at or past
/// the end of the open block closes it. One writer thread; readers get a snapshot good enough for reporting.
/// </summary>
public sealed class PairedBlockTest
{
    private readonly long _blockNs;
    private double _blockSum;
    private int _inBlock;
    private long _blockStartNs = long.MinValue;
    private long _blocks;
    private double _mean, _m2;

    /// <summary>Creates a test over blocks of <paramref name="blockNs"/> of decision time.</summary>
    public PairedBlockTest(long blockNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockNs, 1);
        _blockNs = blockNs;
    }

    /// <summary>Block length, ns of decision time.</summary>
    public long BlockNs => _blockNs;

    /// <summary>Adds one decision's difference (candidate minus live, positive = candidate better) made at <paramref name="decisionTimeNs"/>.</summary>
    public void Add(double difference, long decisionTimeNs)
    {
        if (!double.IsFinite(difference)) return;
        if (_inBlock == 0) _blockStartNs = decisionTimeNs;
        else if (decisionTimeNs - _blockStartNs >= _blockNs)
        {
            Close();
            _blockStartNs = decisionTimeNs;
        }
        _blockSum += difference;
        _inBlock++;
    }

    /// <summary>The test on the completed blocks (the open one is not counted).</summary>
    public PairedTestResult Result
    {
        get
        {
            long n = Volatile.Read(ref _blocks);
            if (n < 2) return new PairedTestResult(n, double.NaN, double.NaN);
            double variance = _m2 / (n - 1);
            return new PairedTestResult(n, Volatile.Read(ref _mean), Math.Sqrt(Math.Max(variance, 0) / n));
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _blockSum = 0;
        _inBlock = 0;
        _m2 = 0;
        Volatile.Write(ref _mean, 0);
        Volatile.Write(ref _blocks, 0);
    }

    private void Close()
    {
        double blockMean = _blockSum / _inBlock;
        _blockSum = 0;
        _inBlock = 0;
        long n = _blocks + 1;
        double delta = blockMean - _mean;
        double mean = _mean + delta / n;
        _m2 += delta * (blockMean - mean);
        Volatile.Write(ref _mean, mean);
        Volatile.Write(ref _blocks, n);
    }
}
