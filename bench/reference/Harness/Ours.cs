using System;
using System.Runtime.CompilerServices;
using HftScalper.Benchmarks.Disruptor;
using HftScalper.Disruptor;

namespace RingRef;

/// <summary>HftScalper's ring through its public API only (Disruptor&lt;T&gt;, one stage, the in-repo SumHandler).</summary>
public sealed class OursRing : IRingUnderTest
{
    private readonly BenchSink _sink = new();
    private readonly Disruptor<BenchEvent> _disruptor;

    public OursRing(int capacity, string strategy)
    {
        IWaitStrategy wait = strategy switch
        {
            "Yielding" => new YieldingWaitStrategy(),
            "Blocking" => new BlockingWaitStrategy(),
            "BusySpin" => new BusySpinWaitStrategy(),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
        };
        _disruptor = new Disruptor<BenchEvent>(capacity, ProducerType.Single, wait);
        _disruptor.AddStage("sum", new SumHandler(_sink, sumStageB: false));
        _disruptor.Start();
    }

    public long Run(int events, int claim) => Producer.Run(new Ops(_disruptor.RingBuffer), _sink, events, claim);

    public void Stop() => _disruptor.Halt();

    private readonly struct Ops(RingBuffer<BenchEvent> ring) : IProducerRing
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public long Next() => ring.Next();
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public long Next(int n) => ring.Next(n);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public ref BenchEvent Slot(long sequence) => ref ring[sequence];
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Publish(long sequence) => ring.Publish(sequence);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Publish(long lo, long hi) => ring.Publish(lo, hi);
    }
}
