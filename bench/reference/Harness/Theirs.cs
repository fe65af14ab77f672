using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Disruptor;
using Disruptor.Processing;
using HftScalper.Benchmarks.Disruptor;

namespace RingRef;

/// <summary>
/// The Disruptor-net transcription wired as its DSL would for a value-type ring and one struct handler:
/// ValueEventProcessor&lt;T, DataProviderProxy, ProcessingSequenceBarrier&lt;SequencerProxy, TWaitProxy&gt;, handler,
/// NoopBatchStartAware&gt; (the struct proxies its factories emit, see StructProxies.cs) on its own thread, gating the
/// sequencer.
/// </summary>
public sealed class TheirsRing<TWaitProxy> : IRingUnderTest
    where TWaitProxy : struct, Disruptor.IWaitStrategy
{
    private readonly BenchSink _sink = new();
    private readonly ValueRingBuffer<BenchEvent> _ring;
    private readonly ValueEventProcessor<BenchEvent, DataProviderProxy, ProcessingSequenceBarrier<SequencerProxy, TWaitProxy>, TheirsSum, NoopBatchStartAware> _processor;
    private readonly Thread _thread;

    public TheirsRing(int capacity, Disruptor.IWaitStrategy wait, TWaitProxy waitProxy, bool diagnosticPauseSpinProducer = false)
    {
        var sequencer = new SingleProducerSequencer(capacity, wait) { DiagnosticPauseSpinProducer = diagnosticPauseSpinProducer };
        _ring = new ValueRingBuffer<BenchEvent>(sequencer);
        var barrier = sequencer.NewBarrier(new SequencerProxy(sequencer), waitProxy);
        _processor = new(new DataProviderProxy(_ring), barrier, new TheirsSum(new SumHandler(_sink, sumStageB: false)), default);
        sequencer.AddGatingSequences(_processor.Sequence);
        _thread = new Thread(_processor.Run) { IsBackground = true, Name = "theirs-sum" };
        _thread.Start();
        _processor.WaitUntilStarted(TimeSpan.FromSeconds(10));
    }

    public long Run(int events, int claim) => Producer.Run(new Ops(_ring), _sink, events, claim);

    public void Stop()
    {
        _processor.Halt();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>Disruptor-net's handler interface over the same handler body our ring runs.</summary>
    public readonly struct TheirsSum(SumHandler handler) : IValueEventHandler<BenchEvent>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref BenchEvent e, long sequence, bool endOfBatch) => handler.OnEvent(ref e, sequence, endOfBatch);
    }

    private readonly struct Ops(ValueRingBuffer<BenchEvent> ring) : IProducerRing
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public long Next() => ring.Next();
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public long Next(int n) => ring.Next(n);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public ref BenchEvent Slot(long sequence) => ref ring[sequence];
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Publish(long sequence) => ring.Publish(sequence);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Publish(long lo, long hi) => ring.Publish(lo, hi);
    }
}
