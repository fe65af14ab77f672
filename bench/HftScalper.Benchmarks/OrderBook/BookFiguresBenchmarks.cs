using BenchmarkDotNet.Attributes;
using HftScalper.Native;

namespace HftScalper.Benchmarks.OrderBook;

/// <summary>
/// One call of every microstructure figure (top, mid, microprice, imbalance at 1/5/10/20, 10-level OFI, impact
/// of a notional worth ~30 levels, slope over 10 levels) on a 5000-level book: native vs the managed reference.
/// </summary>
[MemoryDiagnoser]
public class BookFiguresBenchmarks
{
    private readonly BookFigureParameters _parameters = new(30.0 * 500 * BookWorkload.Mid, 10);
    private NativeOrderBook _native = null!;
    private ReferenceOrderBook _managed = null!;

    /// <summary>Loads one snapshot into both books and checks the figures agree before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (bids, asks) = BookWorkload.Snapshot(3);
        _native = new NativeOrderBook(8192);
        _managed = new ReferenceOrderBook();
        _native.LoadSnapshot(bids, asks);
        _managed.LoadSnapshot(bids, asks);
        double a = ManagedReference(), b = Native();
        if (Math.Abs(a - b) > 1e-6 * Math.Abs(a)) throw new InvalidOperationException($"figures differ: {a} vs {b}");
    }

    /// <summary>Releases the native book.</summary>
    [GlobalCleanup]
    public void Cleanup() => _native.Dispose();

    /// <summary>The straightforward managed computation (SortedDictionary + LINQ).</summary>
    [Benchmark(Baseline = true)]
    public double ManagedReference() => Checksum(_managed.ComputeFigures(_parameters));

    /// <summary>One native call filling the blittable BookFigures struct.</summary>
    [Benchmark]
    public double Native()
    {
        _native.ComputeFigures(_parameters, out var f);
        return Checksum(f);
    }

    private static double Checksum(in BookFigures f) =>
        f.Microprice + f.Imbalance1 + f.Imbalance5 + f.Imbalance10 + f.Imbalance20 + f.BuyImpact + f.SellImpact
        + f.BidSlope + f.AskSlope + f.OfiTotal + f.Spread;
}
