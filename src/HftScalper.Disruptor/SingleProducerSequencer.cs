using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Claims slots for exactly one producer thread: plain fields, no atomics on the claim path; the slowest consumer
/// position is cached so the gating sequences are read only when the cached value says the ring may be full.
/// The cursor is the highest published sequence.
/// </summary>
internal sealed class SingleProducerSequencer : SequencerBase
{
    // Producer-thread-only state. Consumers never read this object (they read Cursor, itself padded).
    private long _nextValue = Sequence.InitialValue;
    private long _cachedGating = Sequence.InitialValue;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n)
    {
        long nextValue = _nextValue;
        long next = nextValue + n;
        long wrapPoint = next - BufferSizeValue;
        long cached = _cachedGating;
        if (wrapPoint > cached || cached > nextValue)
        {
            _cachedGating = WaitForCapacity(wrapPoint, nextValue);
        }

        _nextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long sequence)
    {
        long nextValue = _nextValue;
        long next = nextValue + n;
        long wrapPoint = next - BufferSizeValue;
        long cached = _cachedGating;
        if (wrapPoint > cached || cached > nextValue)
        {
            long gating = MinimumGating(nextValue);
            _cachedGating = gating;
            if (wrapPoint > gating)
            {
                sequence = Sequence.InitialValue;
                return false;
            }
        }

        _nextValue = next;
        sequence = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        if (SignalWaiters)
        {
            Strategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Publishes without waking sleeping consumers (<see cref="RingBuffer{T}.PublishQuiet"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PublishQuiet(long sequence) => Cursor.SetValue(sequence);

    public long Claimed => _nextValue;
}
