using System.Runtime.CompilerServices;

namespace HftScalper.Reporting;

/// <summary>
/// Online accuracy, log-loss and calibration over a sliding window, with confidence intervals: scored decisions are
/// averaged over blocks of decision time (<see cref="Inference.Lifecycle.OutcomeBlocks"/>: neighbouring outcomes
/// overlap, block means several horizons long are close to independent) and the last <c>windowBlocks</c> block means
/// are kept in a ring. A figure is the mean of the window's block means, its interval the block t-interval (95 %,
/// Student's t with blocks - 1 degrees of freedom), as the promotion test treats blocks. Calibration is the mean
/// top-class confidence minus the accuracy (0 = calibrated, above 0 = over-confident). Zero allocation per call;
/// one writer thread (the strategy thread), readers after the run.
/// </summary>
public sealed class WindowedScores
{
    private readonly long _blockNs;
    private readonly double[] _accuracy, _logLoss, _gap;
    private readonly long[] _counts;
    private int _next, _filled;
    private long _blockStartNs;
    private double _sumCorrect, _sumLoss, _sumConfidence;
    private int _inBlock;
    private long _labelled;

    /// <summary>Creates a window of <paramref name="windowBlocks"/> blocks of <paramref name="blockNs"/> of decision time.</summary>
    public WindowedScores(long blockNs, int windowBlocks = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBlocks, 2);
        _blockNs = blockNs;
        _accuracy = new double[windowBlocks];
        _logLoss = new double[windowBlocks];
        _gap = new double[windowBlocks];
        _counts = new long[windowBlocks];
    }

    /// <summary>Block length, ns of decision time.</summary>
    public long BlockNs => _blockNs;

    /// <summary>Blocks the window holds at most.</summary>
    public int Capacity => _accuracy.Length;

    /// <summary>Scored decisions over the whole run.</summary>
    public long Labelled => _labelled;

    /// <summary>Adds one scored decision made at <paramref name="decisionTimeNs"/>: whether its arg max was right, its
    /// log-loss and its top-class confidence. A decision past the open block's end closes that block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(bool correct, double logLoss, double confidence, long decisionTimeNs)
    {
        if (!double.IsFinite(logLoss) || !double.IsFinite(confidence)) return;
        if (_inBlock > 0 && decisionTimeNs - _blockStartNs >= _blockNs) Close();
        if (_inBlock == 0) _blockStartNs = decisionTimeNs;
        _sumCorrect += correct ? 1 : 0;
        _sumLoss += logLoss;
        _sumConfidence += confidence;
        _inBlock++;
        _labelled++;
    }

    /// <summary>Adds a scored direction prediction (probabilities in canonical order, the realised class).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddPrediction(float pDown, float pFlat, float pUp, int realised, long decisionTimeNs)
    {
        int predicted = Engine.Outcomes.DirectionClass.ArgMax(pDown, pFlat, pUp);
        float confidence = predicted == 0 ? pDown : predicted == 1 ? pFlat : pUp;
        float pRealised = realised == 0 ? pDown : realised == 1 ? pFlat : pUp;
        Add(predicted == realised, -Math.Log(Math.Max(pRealised, 1e-15)), confidence, decisionTimeNs);
    }

    private void Close()
    {
        double n = _inBlock;
        _accuracy[_next] = _sumCorrect / n;
        _logLoss[_next] = _sumLoss / n;
        _gap[_next] = (_sumConfidence - _sumCorrect) / n;
        _counts[_next] = _inBlock;
        _next = _next + 1 == _accuracy.Length ? 0 : _next + 1;
        if (_filled < _accuracy.Length) _filled++;
        _sumCorrect = _sumLoss = _sumConfidence = 0;
        _inBlock = 0;
    }

    /// <summary>The window's figures (completed blocks only; none before two blocks).</summary>
    public WindowSummary Summarize()
    {
        long decisions = 0;
        for (int i = 0; i < _filled; i++) decisions += _counts[i];
        return new WindowSummary
        {
            Blocks = _filled,
            Decisions = decisions,
            Labelled = _labelled,
            Accuracy = Interval(_accuracy),
            LogLoss = Interval(_logLoss),
            CalibrationGap = Interval(_gap),
        };
    }

    private MeanInterval Interval(double[] values)
    {
        int n = _filled;
        if (n == 0) return new MeanInterval(0, 0, 0);
        double mean = 0;
        for (int i = 0; i < n; i++) mean += values[i];
        mean /= n;
        if (n < 2) return new MeanInterval(Math.Round(mean, 6), Math.Round(mean, 6), Math.Round(mean, 6));
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
        double half = T975(n - 1) * Math.Sqrt(ss / (n - 1) / n);
        return new MeanInterval(Math.Round(mean, 6), Math.Round(mean - half, 6), Math.Round(mean + half, 6));
    }

    private static readonly double[] T975Table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

    /// <summary>The 97.5 % quantile of Student's t: the table up to 10 degrees of freedom, then the Cornish-Fisher
    /// expansion around the normal's 1.96 (within 0.2 % there).</summary>
    internal static double T975(int degreesOfFreedom)
    {
        if (degreesOfFreedom <= T975Table.Length) return T975Table[Math.Max(degreesOfFreedom, 1) - 1];
        const double z = 1.959964;
        double v = degreesOfFreedom, z3 = z * z * z, z5 = z3 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
    }
}
