namespace HftScalper.Inference.Online;

/// <summary>
/// Per-input running mean and variance (Welford) that maps a value to its clipped z-score. An input with fewer than
/// two finite observations, or no spread, maps to 0 (it cannot move a logit before it is known); a non-finite value
/// maps to 0 and is not counted. Allocation-free; deterministic; one thread.
/// </summary>
public sealed class RunningStandardizer
{
    private readonly long[] _count;
    private readonly double[] _mean, _m2;
    private readonly double _clip;

    /// <summary>Statistics for <paramref name="width"/> inputs, z-scores clipped to ±<paramref name="clip"/>.</summary>
    public RunningStandardizer(int width, double clip)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (!(clip > 0)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "clip must be > 0");
        _count = new long[width];
        _mean = new double[width];
        _m2 = new double[width];
        _clip = clip;
    }

    /// <summary>Inputs.</summary>
    public int Width => _count.Length;

    /// <summary>Adds one observation of input <paramref name="i"/> (ignored when not finite).</summary>
    public void Add(int i, double v)
    {
        if (!double.IsFinite(v)) return;
        long n = ++_count[i];
        double delta = v - _mean[i];
        _mean[i] += delta / n;
        _m2[i] += delta * (v - _mean[i]);
    }

    /// <summary>The clipped z-score of <paramref name="v"/> for input <paramref name="i"/> (0 when unknown or not finite).</summary>
    public double Scale(int i, double v)
    {
        long n = _count[i];
        if (n < 2 || !double.IsFinite(v)) return 0;
        double variance = _m2[i] / (n - 1);
        if (!(variance > 0)) return 0;
        double z = (v - _mean[i]) / Math.Sqrt(variance);
        return Math.Clamp(z, -_clip, _clip);
    }

    /// <summary>Makes these statistics a copy of <paramref name="source"/>'s (same width).</summary>
    public void CopyFrom(RunningStandardizer source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Width != Width) throw new ArgumentException($"source has {source.Width} inputs, this one {Width}", nameof(source));
        source._count.AsSpan().CopyTo(_count);
        source._mean.AsSpan().CopyTo(_mean);
        source._m2.AsSpan().CopyTo(_m2);
    }
}
