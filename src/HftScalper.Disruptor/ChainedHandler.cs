using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Two consecutive stages on one thread: <typeparamref name="TFirst"/> handles each event of a batch as it comes, then,
/// at the batch's end, <typeparamref name="TSecond"/> handles the same batch from the ring. The second therefore sees
/// everything the first did to the batch, exactly as when it runs as its own stage behind the first (a batch of the
/// second always ends where one of the first ended), so results are the same; what changes is the thread count: one
/// hand-off (a cross-core copy of what the first wrote, a wake-up per batch) fewer. For a machine with fewer cores
/// than stages.
/// <code>
///  producer ==ring==> [ first(e0) first(e1) .. first(en) | second(e0) .. second(en) ] ==> downstream
///                      one thread, one published sequence per batch
/// </code>
/// </summary>
/// <remarks>A struct, and generic over both handlers, so the processor's loop inlines both (no interface call per
/// event). A failure in <typeparamref name="TSecond"/> is reported at the batch's last sequence (the first handler
/// finished the batch; under <see cref="ExceptionPolicy.HaltPipeline"/>, the default, the pipeline stops either way).</remarks>
public struct ChainedHandler<T, TFirst, TSecond> : IEventHandler<T>
    where T : unmanaged
    where TFirst : IEventHandler<T>
    where TSecond : IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private TFirst _first;
    private TSecond _second;
    private long _batchFirst;

    /// <summary>Runs <paramref name="first"/> then <paramref name="second"/> over each batch of <paramref name="ring"/>.</summary>
    public ChainedHandler(RingBuffer<T> ring, TFirst first, TSecond second)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
        _first = first;
        _second = second;
    }

    /// <inheritdoc />
    public void OnBatchStart(long firstSequence, long count)
    {
        _batchFirst = firstSequence;
        _first.OnBatchStart(firstSequence, count);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref T e, long sequence, bool endOfBatch)
    {
        _first.OnEvent(ref e, sequence, endOfBatch);
        if (endOfBatch) RunSecond(sequence);
    }

    private void RunSecond(long last)
    {
        _second.OnBatchStart(_batchFirst, last - _batchFirst + 1);
        for (long q = _batchFirst; q <= last; q++) _second.OnEvent(ref _ring[q], q, q == last);
    }
}
