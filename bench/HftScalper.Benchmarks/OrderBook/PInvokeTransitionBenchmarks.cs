using BenchmarkDotNet.Attributes;
using HftScalper.Native;

namespace HftScalper.Benchmarks.OrderBook;

/// <summary>
/// The cost of the GC transition itself: the same trivial native function (<c>hft_noop</c>) declared once with
/// the default P/Invoke transition (baseline) and once with <c>[SuppressGCTransition]</c>.
/// </summary>
[MemoryDiagnoser]
public class PInvokeTransitionBenchmarks
{
    private const int Calls = 1024;

    /// <summary>Checks both declarations reach the same native code before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (WithTransition() != Suppressed() || Suppressed() != (long)Calls * (Calls + 1) / 2)
            throw new InvalidOperationException("hft_noop declarations disagree");
    }

    /// <summary>Default P/Invoke: the thread switches to preemptive GC mode and back around the call.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public long WithTransition()
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++) sum += NativeMethods.NoOpWithTransition(i);
        return sum;
    }

    /// <summary>[SuppressGCTransition]: a plain call, for tiny non-blocking functions only.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Suppressed()
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++) sum += NativeMethods.NoOpSuppressed(i);
        return sum;
    }
}
