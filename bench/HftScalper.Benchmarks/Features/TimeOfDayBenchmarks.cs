using BenchmarkDotNet.Attributes;

namespace HftScalper.Benchmarks.Features;

/// <summary>
/// The regime block's time-of-day columns: <c>Math.Sin</c> then <c>Math.Cos</c> of the day angle (the old way) vs one
/// <c>Math.SinCos</c> (RegimeState since session 18), over 1,024 decision times of one day.
/// </summary>
[MemoryDiagnoser]
public class TimeOfDayBenchmarks
{
    private const int Rows = 1024;
    private const long DayNs = 86_400_000_000_000;
    private readonly double[] _angles = new double[Rows];
    private readonly float[] _sin = new float[Rows], _cos = new float[Rows];

    /// <summary>Decision times a few ms apart from 13:00 UTC; checks both ways write the same floats before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(18);
        long t = 13 * 3_600_000_000_000L;
        for (int i = 0; i < Rows; i++)
        {
            t += rng.Next(1, 5_000_000);
            _angles[i] = 2 * Math.PI * (t % DayNs) / DayNs;
        }
        SinThenCos();
        var (s, c) = (_sin.ToArray(), _cos.ToArray());
        SinCos();
        if (!s.AsSpan().SequenceEqual(_sin) || !c.AsSpan().SequenceEqual(_cos))
            throw new InvalidOperationException("SinCos differs from Sin and Cos");
    }

    /// <summary>Two libm calls per row (the former RegimeState.Write).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public float SinThenCos()
    {
        for (int i = 0; i < Rows; i++)
        {
            _sin[i] = (float)Math.Sin(_angles[i]);
            _cos[i] = (float)Math.Cos(_angles[i]);
        }
        return _sin[Rows - 1];
    }

    /// <summary>One sincos call per row.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float SinCos()
    {
        for (int i = 0; i < Rows; i++)
        {
            var (s, c) = Math.SinCos(_angles[i]);
            _sin[i] = (float)s;
            _cos[i] = (float)c;
        }
        return _sin[Rows - 1];
    }
}
