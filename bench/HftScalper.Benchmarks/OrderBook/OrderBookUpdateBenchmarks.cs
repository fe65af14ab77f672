using BenchmarkDotNet.Attributes;
using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Benchmarks.OrderBook;

/// <summary>
/// Level updates per second on a 5000-level-per-side book: the native sorted ladder (one call per level, and one
/// call per 16-level depth message) against a managed SortedDictionary book (the baseline).
/// </summary>
[MemoryDiagnoser]
public class OrderBookUpdateBenchmarks
{
    private const int Updates = 4096;
    private const int MessageLevels = 16;
    private MarketEvent[] _events = null!;
    private NativeOrderBook _native = null!;
    private NativeOrderBook _nativeBatched = null!;
    private ReferenceOrderBook _managed = null!;

    /// <summary>Loads the same snapshot into every book and checks they agree after one pass of the updates.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (bids, asks) = BookWorkload.Snapshot(1);
        _events = BookWorkload.Updates(2, Updates);
        _native = new NativeOrderBook(8192);
        _nativeBatched = new NativeOrderBook(8192);
        _managed = new ReferenceOrderBook();
        _native.LoadSnapshot(bids, asks);
        _nativeBatched.LoadSnapshot(bids, asks);
        _managed.LoadSnapshot(bids, asks);
        long a = ManagedSortedDictionary(), b = NativePerLevel(), c = NativePerMessage();
        if (a != b || b != c) throw new InvalidOperationException($"applied counts differ: {a} {b} {c}");
        foreach (var side in new[] { Side.Bid, Side.Ask })
        {
            long expected = BookWorkload.Fingerprint(_managed.Levels(side));
            if (BookWorkload.Fingerprint(_native, side) != expected || BookWorkload.Fingerprint(_nativeBatched, side) != expected)
                throw new InvalidOperationException($"{side} ladders differ after the same updates");
        }
    }

    /// <summary>Releases the native books.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _native.Dispose();
        _nativeBatched.Dispose();
    }

    /// <summary>The managed book a developer would write first: two SortedDictionary ladders.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    public long ManagedSortedDictionary()
    {
        long applied = 0;
        foreach (ref readonly var e in _events.AsSpan())
            if (_managed.TrySet(e.Side, e.Price, e.Quantity)) applied++;
        return applied;
    }

    /// <summary>One native call per level (SuppressGCTransition).</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    public long NativePerLevel()
    {
        long applied = 0;
        foreach (ref readonly var e in _events.AsSpan())
            if (_native.TrySet(e.Side, e.Price, e.Quantity)) applied++;
        return applied;
    }

    /// <summary>One native call per 16-level depth message (ApplyEvents over MarketEvent slots).</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    public long NativePerMessage()
    {
        long applied = 0;
        var events = _events.AsSpan();
        for (int i = 0; i < events.Length; i += MessageLevels)
        {
            _nativeBatched.ApplyEvents(events.Slice(i, MessageLevels), out var r, symbolId: 1);
            applied += r.Applied;
        }
        return applied;
    }
}
