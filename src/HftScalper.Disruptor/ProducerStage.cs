namespace HftScalper.Disruptor;

/// <summary>
/// A stage the producer runs itself, on the slots it has claimed and filled, before it publishes them: whatever the
/// handler writes (the events, side arrays indexed by sequence) is visible to every consumer together with the events,
/// since the publish that follows releases it. No thread waits for this stage and no sequence tracks it, so it costs
/// no hand-off: for a machine with fewer cores than stages, where the producer can carry the first stage's work
/// instead of a third thread.
/// <code>
///  producer: claim [lo, hi] -> fill -> stage(lo..hi) -> publish ==ring==> downstream stages
/// </code>
/// </summary>
public sealed class ProducerStage<T, THandler>
    where T : unmanaged
    where THandler : IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private THandler _handler;

    /// <summary>A stage over <paramref name="ring"/>'s claimed slots.</summary>
    public ProducerStage(RingBuffer<T> ring, THandler handler)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
        _handler = handler;
    }

    /// <summary>The handler (by reference: a struct handler's state can be read and changed in place).</summary>
    public ref THandler Handler => ref _handler;

    /// <summary>
    /// Handles the claimed, not yet published slots <c>[first, last]</c> as one batch, on the producer's thread. No
    /// allocation. A handler's exception propagates (the producer stops: nothing of the batch was published).
    /// </summary>
    public void Handle(long first, long last)
    {
        BatchDispatcher.Dispatch(_ring, ref _handler, first, last, out var error);
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }
}
