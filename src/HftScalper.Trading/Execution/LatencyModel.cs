namespace HftScalper.Trading.Execution;

/// <summary>
/// A one-way delay generator in ns for the paper exchange: constant, lognormal or empirical. Seeded SplitMix64,
/// so the same seed gives the same delays on every run and platform. Not thread-safe; no allocation per draw.
/// </summary>
public sealed class LatencyModel
{
    private readonly long[] _samples;
    private readonly double _logMedian;
    private readonly double _sigma;
    private readonly long _maxNs;
    private ulong _state;

    private LatencyModel(LatencyKind kind, long constantNs, double logMedian, double sigma, long[] samples, long maxNs, ulong seed)
    {
        Kind = kind;
        ConstantNs = constantNs;
        _logMedian = logMedian;
        _sigma = sigma;
        _samples = samples;
        _maxNs = maxNs;
        _state = seed;
    }

    /// <summary>Distribution used.</summary>
    public LatencyKind Kind { get; }

    /// <summary>The delay of a <see cref="LatencyKind.Constant"/> model.</summary>
    public long ConstantNs { get; }

    /// <summary>Always <paramref name="ns"/> (&gt;= 0).</summary>
    public static LatencyModel Constant(long ns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ns);
        return new LatencyModel(LatencyKind.Constant, ns, 0, 0, [], ns, 0);
    }

    /// <summary>Lognormal: median <paramref name="medianNs"/>, log-space sigma <paramref name="sigma"/>, draws capped
    /// at <paramref name="maxNs"/> (a timeout in practice).</summary>
    public static LatencyModel LogNormal(long medianNs, double sigma, long maxNs, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(medianNs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sigma);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNs, medianNs);
        return new LatencyModel(LatencyKind.LogNormal, 0, Math.Log(medianNs), sigma, [], maxNs, seed);
    }

    /// <summary>Resamples uniformly from <paramref name="samplesNs"/> (copied; each &gt;= 0).</summary>
    public static LatencyModel Empirical(ReadOnlySpan<long> samplesNs, ulong seed)
    {
        if (samplesNs.IsEmpty) throw new ArgumentException("at least one sample is needed", nameof(samplesNs));
        foreach (long s in samplesNs) ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(samplesNs));
        return new LatencyModel(LatencyKind.Empirical, 0, 0, 0, samplesNs.ToArray(), long.MaxValue, seed);
    }

    /// <summary>Next delay in ns (&gt;= 0).</summary>
    public long NextNs()
    {
        switch (Kind)
        {
            case LatencyKind.Constant:
                return ConstantNs;
            case LatencyKind.Empirical:
                return _samples[(int)(NextUInt64() % (ulong)_samples.Length)];
            default:
                // Box-Muller; one normal per draw keeps the stream simple (determinism over speed here).
                double u1 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
                double u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
                double z = Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);
                double ns = Math.Exp(_logMedian + _sigma * z);
                return ns >= _maxNs ? _maxNs : (long)ns;
        }
    }

    private ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
