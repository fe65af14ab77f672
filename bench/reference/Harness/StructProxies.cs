using System.Runtime.CompilerServices;
using Disruptor;
using HftScalper.Benchmarks.Disruptor;

namespace RingRef;

// What Disruptor-net's StructProxy.CreateProxyInstance emits at run time (Reflection.Emit) for the data provider,
// the sequencer and the wait strategy before EventProcessorFactory / ProcessingSequenceBarrierFactory make the
// generic processor and barrier types: a struct holding the sealed target, forwarding each interface member with
// AggressiveInlining, so every generic argument is a value type and the JIT specialises and inlines the hot path.
// Written out by hand here (one per target type) because the transcription leaves out StructProxy itself.

public readonly struct DataProviderProxy(ValueRingBuffer<BenchEvent> target) : IValueDataProvider<BenchEvent>
{
    public ref BenchEvent this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref target[sequence];
    }
}

public readonly struct SequencerProxy(SingleProducerSequencer target) : ISequencer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long GetHighestPublishedSequence(long nextSequence, long availableSequence) => target.GetHighestPublishedSequence(nextSequence, availableSequence);
}

public readonly struct YieldingProxy(YieldingWaitStrategy target) : IWaitStrategy
{
    public bool IsBlockingStrategy => target.IsBlockingStrategy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SequenceWaitResult WaitFor(long sequence, DependentSequenceGroup dependentSequences, CancellationToken cancellationToken) => target.WaitFor(sequence, dependentSequences, cancellationToken);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalAllWhenBlocking() => target.SignalAllWhenBlocking();
}

public readonly struct BlockingProxy(BlockingWaitStrategy target) : IWaitStrategy
{
    public bool IsBlockingStrategy => target.IsBlockingStrategy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SequenceWaitResult WaitFor(long sequence, DependentSequenceGroup dependentSequences, CancellationToken cancellationToken) => target.WaitFor(sequence, dependentSequences, cancellationToken);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalAllWhenBlocking() => target.SignalAllWhenBlocking();
}

public readonly struct BusySpinProxy(BusySpinWaitStrategy target) : IWaitStrategy
{
    public bool IsBlockingStrategy => target.IsBlockingStrategy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SequenceWaitResult WaitFor(long sequence, DependentSequenceGroup dependentSequences, CancellationToken cancellationToken) => target.WaitFor(sequence, dependentSequences, cancellationToken);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalAllWhenBlocking() => target.SignalAllWhenBlocking();
}

public readonly struct PauseBusySpinProxy(DiagnosticPauseBusySpinWaitStrategy target) : IWaitStrategy
{
    public bool IsBlockingStrategy => target.IsBlockingStrategy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SequenceWaitResult WaitFor(long sequence, DependentSequenceGroup dependentSequences, CancellationToken cancellationToken) => target.WaitFor(sequence, dependentSequences, cancellationToken);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalAllWhenBlocking() => target.SignalAllWhenBlocking();
}
