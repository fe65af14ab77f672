namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Accumulates per-decision differences into blocks of <see cref="BlockSize"/> and keeps the running mean and
/// variance of the block means (Welford), so <see cref="Result"/> is O(1) and nothing is stored per decision.
/// One writer thread; readers get a possibly slightly stale but consistent-enough snapshot (reporting only).
/// </summary>
public sealed class PairedBlockTest
{
    private readonly int _blockSize;
    private double _blockSum;
    private int _inBlock;
    private long _blocks;
    private double _mean, _m2;

    /// <summary>Creates a test over blocks of <paramref name="blockSize"/> decisions.</summary>
    public PairedBlockTest(int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _blockSize = blockSize;
    }

    /// <summary>Decisions per block.</summary>
    public int BlockSize => _blockSize;

    /// <summary>Adds one decision's difference (candidate minus live, positive = candidate better).</summary>
    public void Add(double difference)
    {
        _blockSum += difference;
        if (++_inBlock < _blockSize) return;
        double blockMean = _blockSum / _blockSize;
        _blockSum = 0;
        _inBlock = 0;
        long n = _blocks + 1;
        double delta = blockMean - _mean;
        double mean = _mean + delta / n;
        _m2 += delta * (blockMean - mean);
        Volatile.Write(ref _mean, mean);
        Volatile.Write(ref _blocks, n);
    }

    /// <summary>The test on the completed blocks.</summary>
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
}
