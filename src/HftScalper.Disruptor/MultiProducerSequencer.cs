using System.Numerics;
using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Claims slots for many producer threads: one atomic add per claim on the (padded) cursor, then each published
/// slot is flagged in an availability array with the lap number it holds, so consumers find the highest
/// contiguous published sequence even when producers finish out of order. The cursor is the highest claim.
/// </summary>
internal sealed class MultiProducerSequencer : SequencerBase
{
    private readonly int[] _available;
    private readonly int _indexMask;
    private readonly int _indexShift;

    // Shared among producers: padded by virtue of being a Sequence.
    private readonly Sequence _gatingCache = new();

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _available = GC.AllocateArray<int>(bufferSize, pinned: true);
        _available.AsSpan().Fill(-1);
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n)
    {
        long next = Cursor.AddAndGet(n);
        long current = next - n;
        long wrapPoint = next - BufferSizeValue;
        long cached = _gatingCache.Value;
        if (wrapPoint > cached || cached > current)
        {
            _gatingCache.SetValue(WaitForCapacity(wrapPoint, current));
        }

        return next;
    }

    public bool TryNext(int n, out long sequence)
    {
        // A claim cannot be undone, so capacity is checked before a compare-and-set claim.
        while (true)
        {
            long current = Cursor.Value;
            long next = current + n;
            long wrapPoint = next - BufferSizeValue;
            long cached = _gatingCache.Value;
            if (wrapPoint > cached || cached > current)
            {
                long gating = MinimumGating(current);
                _gatingCache.SetValue(gating);
                if (wrapPoint > gating)
                {
                    sequence = Sequence.InitialValue;
                    return false;
                }
            }

            if (Cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        SetAvailable(sequence);
        if (SignalWaiters)
        {
            Strategy.SignalAllWhenBlocking();
        }
    }

    public void Publish(long lo, long hi)
    {
        for (long s = lo; s <= hi; s++)
        {
            SetAvailable(s);
        }

        if (SignalWaiters)
        {
            Strategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Publishes without waking sleeping consumers (<see cref="RingBuffer{T}.PublishQuiet"/>).</summary>
    public void PublishQuiet(long lo, long hi)
    {
        for (long s = lo; s <= hi; s++)
        {
            SetAvailable(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        Volatile.Write(ref _available[(int)sequence & _indexMask], (int)(sequence >> _indexShift));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAvailable(long sequence) =>
        Volatile.Read(ref _available[(int)sequence & _indexMask]) == (int)(sequence >> _indexShift);

    /// <summary>Highest sequence in [lo, available] such that every slot from lo up to it is published.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long HighestPublished(long lo, long available)
    {
        for (long s = lo; s <= available; s++)
        {
            if (!IsAvailable(s))
            {
                return s - 1;
            }
        }

        return available;
    }
}
