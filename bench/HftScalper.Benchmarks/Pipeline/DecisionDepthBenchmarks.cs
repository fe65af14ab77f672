using BenchmarkDotNet.Attributes;
using HftScalper.Benchmarks.OrderBook;
using HftScalper.Core.Events;
using HftScalper.Engine.Pipeline;
using HftScalper.Native;
using HftScalper.Trading.Economics;

namespace HftScalper.Benchmarks.Pipeline;

/// <summary>
/// The top levels a decision record carries, for a stream of decisions of which one in <see cref="DecisionsPerChange"/>
/// follows a change of the depth book (the 08-08 recording: 6,495 depth messages, 41,249 decisions, ~1 in 6) on a
/// 5,000-level book. One op = one decision, the book's changes included in both rows. Baseline: the previous way, a
/// copy out of the native book per decision (two native calls); row: <see cref="DecisionDepthCache"/>, which copies
/// out of the book only when its <see cref="NativeOrderBook.Version"/> moved. Setup checks both write the same levels.
/// </summary>
[MemoryDiagnoser]
public class DecisionDepthBenchmarks
{
    private const int Decisions = 60_000;
    private const int DecisionsPerChange = 6;
    private NativeOrderBook _book = null!;
    private MarketEvent[] _changes = [];
    private readonly DecisionDepthCache _cache = new();
    private BookDepth _depth;

    /// <summary>Loads the book and the changes; checks the two ways agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _book = new NativeOrderBook();
        var (bids, asks) = BookWorkload.Snapshot(3);
        _changes = BookWorkload.Updates(4, Decisions / DecisionsPerChange);
        _book.LoadSnapshot(bids, asks);
        long a = CopyEveryTime();
        _book.LoadSnapshot(bids, asks); // the same book from the same start for both
        long b = Cached();
        if (a != b) throw new InvalidOperationException($"cached depth differs from a fresh copy: {b} vs {a}");
    }

    /// <summary>Frees the book.</summary>
    [GlobalCleanup]
    public void Cleanup() => _book.Dispose();

    /// <summary>The previous way: two native copies per decision.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public long CopyEveryTime()
    {
        long sum = 0;
        for (int d = 0; d < Decisions; d++)
        {
            Change(d);
            _depth.CopyFrom(_book);
            sum += Fold(in _depth);
        }
        return sum;
    }

    /// <summary>Copies out of the book only after it changed.</summary>
    [Benchmark(OperationsPerInvoke = Decisions)]
    public long Cached()
    {
        long sum = 0;
        for (int d = 0; d < Decisions; d++)
        {
            Change(d);
            _cache.CopyTo(0, _book, ref _depth);
            sum += Fold(in _depth);
        }
        return sum;
    }

    private void Change(int d)
    {
        if (d % DecisionsPerChange == 0) _book.ApplyEvents(_changes.AsSpan(d / DecisionsPerChange, 1), out _);
    }

    private static long Fold(in BookDepth depth) =>
        depth.BidCount + (31 * depth.AskCount) + depth.Bids[0].Price + depth.Asks[depth.AskCount - 1].Quantity;
}
