namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// One model's calibration accumulators for <see cref="ShadowScorer"/>: Brier sum and ten equal-width bins of
/// top-class confidence (count, confidence sum, hits). Fixed arrays, no allocation per outcome; written by the
/// scoring thread, read approximately by others (a reader may see one outcome half added: figures, not invariants).
/// </summary>
internal sealed class ShadowCalibrationBins
{
    private const int Bins = 10;
    private readonly long[] _count = new long[Bins];
    private readonly long[] _hits = new long[Bins];
    private readonly double[] _confidence = new double[Bins];
    private long _n;
    private double _brier;

    public void Add(ReadOnlySpan<float> p, int realised)
    {
        double sum = 0;
        foreach (var v in p) sum += v;
        if (!(sum > 0)) sum = 1;
        int top = ShadowScorer.ArgMax(p);
        double confidence = p[top] / sum;
        int bin = Math.Clamp((int)(confidence * Bins), 0, Bins - 1); // confidence 1.0 belongs to the top bin
        _count[bin]++;
        _confidence[bin] += confidence;
        if (top == realised) _hits[bin]++;
        double brier = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double e = p[k] / sum - (k == realised ? 1 : 0);
            brier += e * e;
        }
        _brier += brier;
        Volatile.Write(ref _n, _n + 1);
    }

    public double Brier
    {
        get
        {
            long n = Volatile.Read(ref _n);
            return n > 0 ? _brier / n : double.NaN;
        }
    }

    public double ExpectedCalibrationError
    {
        get
        {
            long n = Volatile.Read(ref _n);
            if (n == 0) return double.NaN;
            double sum = 0;
            for (int b = 0; b < Bins; b++)
                if (_count[b] > 0) sum += Math.Abs(_confidence[b] - _hits[b]); // = count * |mean confidence - accuracy|
            return sum / n;
        }
    }

    public void Clear()
    {
        Array.Clear(_count);
        Array.Clear(_hits);
        Array.Clear(_confidence);
        _brier = 0;
        Volatile.Write(ref _n, 0);
    }
}
