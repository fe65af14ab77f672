using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HftScalper.Features.Engine;
using HftScalper.Features.Technical;

namespace HftScalper.Benchmarks.Features;

/// <summary>
/// Two per-decision pieces of the feature row (issue #18, the `.gz` replay's producer): the volume profile's
/// point-of-control scan over its 64 slots (asked by each of three profiles at the first decision after a trade) and
/// the row's finite check (every decision). Baselines: the scalar loops they replaced, in the same run. One op = one
/// scan over 64 centres cycled / one row of the built-in width; setup checks both ways agree on every input.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FeatureRowCheckBenchmarks
{
    private const int Centres = 64;
    private VolumeProfile _profile = null!;
    private readonly long[] _centres = new long[Centres];
    private readonly float[][] _rows = new float[256][];
    private const int Trades = 1024;
    private readonly long[] _tradePrice = new long[Trades];
    private readonly double[] _tradeQty = new double[Trades], _mid = new double[Trades];
    private VolumeProfile _scanned = null!, _updated = null!;
    private long _tScanned, _tUpdated;

    /// <summary>A profile filled by 2,000 trades over ~120 buckets (slots evicted, keys far and near); finite rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(21);
        _profile = new VolumeProfile(tauSeconds: 30);
        for (int i = 0; i < 2000; i++)
            _profile.Add(1_000_000 + 200L * rng.Next(-60, 60), rng.Next(1, 40) * 0.5, i * 40_000_000L, bucketBps: 2);
        for (int i = 0; i < Centres; i++) _centres[i] = 5000 + rng.Next(-50, 50);
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i] = new float[FeatureSchemaFactory.Width];
            for (int j = 0; j < _rows[i].Length; j++) _rows[i][j] = (float)(rng.NextDouble() * 200 - 100);
        }
        if (ScanScalar() != ScanVector()) throw new InvalidOperationException("scans differ");
        foreach (long c in _centres)
            if (_profile.ScanScalar(c) != _profile.ScanVector(c)) throw new InvalidOperationException($"scans differ at {c}");
        if (CheckLoop() != CheckVector() || CheckLoop() != _rows.Length) throw new InvalidOperationException("row checks differ");
        // BTCUSDT-like: most trades within a few buckets of the mid, which changes bucket now and then.
        double mid = 1_000_000;
        for (int i = 0; i < Trades; i++)
        {
            _tradePrice[i] = 1_000_000 + 200L * (rng.Next(8) == 0 ? rng.Next(-30, 30) : rng.Next(-3, 4));
            _tradeQty[i] = rng.Next(1, 40) * 0.01;
            if (rng.Next(20) == 0) mid = 1_000_000 + 200 * rng.Next(-10, 10);
            _mid[i] = mid;
        }
        _tradePrice[0] = 1_000_000; // the profile's p0: keys are floor(p / 1e6 * 5000), as the baseline computes the centre
        _scanned = new VolumeProfile(tauSeconds: 30);
        _updated = new VolumeProfile(tauSeconds: 30);
        for (int round = 0; round < 3; round++)
            if (ScanPerTrade() != UpdatedPerTrade()) throw new InvalidOperationException("points of control differ");
    }

    /// <summary>Each trade, then a full scalar scan for the decision (the former TryGetPointOfControl after a trade).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Trades), BenchmarkCategory("PointOfControl")]
    public double ScanPerTrade()
    {
        double sum = 0;
        for (int i = 0; i < Trades; i++)
        {
            _scanned.Add(_tradePrice[i], _tradeQty[i], _tScanned += 20_000_000, 2);
            long key = _scanned.ScanScalar((long)Math.Floor(_mid[i] / 1_000_000 * 5000));
            sum += key == long.MinValue ? 0 : key;
        }
        return sum;
    }

    /// <summary>Each trade updates the answer; the decision reads it (a scan only after a bucket change, rescale or eviction).</summary>
    [Benchmark(OperationsPerInvoke = Trades), BenchmarkCategory("PointOfControl")]
    public double UpdatedPerTrade()
    {
        double sum = 0;
        for (int i = 0; i < Trades; i++)
        {
            _updated.Add(_tradePrice[i], _tradeQty[i], _tUpdated += 20_000_000, 2);
            sum += _updated.TryGetPointOfControl(_mid[i], out double poc) ? Math.Floor(poc / 1_000_000 * 5000) : 0;
        }
        return sum;
    }

    /// <summary>The slot loop (the former VolumeProfile.Scan).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Centres), BenchmarkCategory("Scan")]
    public long ScanScalar()
    {
        long sum = 0;
        foreach (long c in _centres) sum += _profile.ScanScalar(c);
        return sum;
    }

    /// <summary>Eight slots a step.</summary>
    [Benchmark(OperationsPerInvoke = Centres), BenchmarkCategory("Scan")]
    public long ScanVector()
    {
        long sum = 0;
        foreach (long c in _centres) sum += _profile.ScanVector(c);
        return sum;
    }

    /// <summary>float.IsFinite per value (the former FeatureEngine.Sanitize's test).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 256), BenchmarkCategory("FiniteRow")]
    public int CheckLoop()
    {
        int finite = 0;
        foreach (var row in _rows)
        {
            bool all = true;
            for (int i = 0; i < row.Length; i++)
                if (!float.IsFinite(row[i])) { all = false; break; }
            finite += all ? 1 : 0;
        }
        return finite;
    }

    /// <summary>FiniteRow.All: 16 values a step.</summary>
    [Benchmark(OperationsPerInvoke = 256), BenchmarkCategory("FiniteRow")]
    public int CheckVector()
    {
        int finite = 0;
        foreach (var row in _rows) finite += FiniteRow.All(row) ? 1 : 0;
        return finite;
    }
}
