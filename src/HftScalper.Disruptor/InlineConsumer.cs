namespace HftScalper.Disruptor;

/// <summary>
/// A consumer driven by the caller instead of a thread: <see cref="ProcessAvailable"/> handles everything published
/// (and released by upstream consumers) so far, on the calling thread. Deterministic, for backtests and tests:
/// publish, then drive stage A, then B, in a fixed order. Register the last consumer of each branch with
/// <see cref="RingBuffer{T}.AddGatingSequences"/> so the producer cannot lap it.
/// </summary>
public sealed class InlineConsumer<T, THandler>
    where T : unmanaged
    where THandler : IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private THandler _handler;

    /// <summary>A consumer behind <paramref name="dependsOn"/> (upstream consumers' sequences), or the producer when empty.</summary>
    public InlineConsumer(RingBuffer<T> ring, THandler handler, params Sequence[] dependsOn)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
        _handler = handler;
        _barrier = ring.NewBarrier(dependsOn);
    }

    /// <summary>Highest sequence handled.</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>The handler (by reference: a struct handler's state can be read and changed in place).</summary>
    public ref THandler Handler => ref _handler;

    /// <summary>
    /// Handles every available event as one batch and returns how many. No allocation. If the handler throws, the
    /// events before the failing one count as handled, the failing one does not, and the exception propagates.
    /// </summary>
    public long ProcessAvailable()
    {
        long next = Sequence.Value + 1;
        long available = _barrier.Available(next);
        if (available < next)
        {
            return 0;
        }

        long done = BatchDispatcher.Dispatch(_ring, ref _handler, next, available, out var error);
        if (error is not null)
        {
            Release(done - 1);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        Release(available);
        return available - next + 1;
    }

    private void Release(long sequence)
    {
        Sequence.SetValue(sequence);
        if (_ring.WaitStrategy.IsBlocking)
        {
            _ring.WaitStrategy.SignalAllWhenBlocking();
        }
    }
}
