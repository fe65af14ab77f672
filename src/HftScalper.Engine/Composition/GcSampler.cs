namespace HftScalper.Engine.Composition;

/// <summary>
/// Takes the GC counters once the run passes its warm-up and again at the end, so the figures describe the steady
/// state: collections and bytes allocated by all threads while the remaining events went through (the events through
/// every stage at the mark are the warm-up's, the rest the steady window's: <see cref="Backlog"/>).
/// </summary>
internal sealed class GcSampler(long warmupEvents, Action? onWarm = null)
{
    private bool _armed;
    private long _events;
    private int _gen0, _gen1, _gen2;
    private long _bytes, _threadBytes;

    /// <summary>
    /// Threaded: events published but not yet through every end stage, read once when the window opens. The window then
    /// counts those events too, since it does their work: the steady figures are the events that went through the
    /// pipeline in the window (behind a slow stage the ring is full at the mark, a ring's worth that the window
    /// processed and, counted from the publications, did not count). Null (inline): nothing is behind the producer.
    /// </summary>
    public Func<long>? Backlog { get; set; }

    /// <summary>Called by the producer with the events published so far; samples once when warm-up ends.</summary>
    public void Observe(long published)
    {
        if (_armed || published < warmupEvents) return;
        _armed = true;
        _events = published - (Backlog?.Invoke() ?? 0);
        // The warm-up callback first: it is bookkeeping, not the pipeline's work, and its first call in a process may
        // allocate once (the thread clocks' first read binds libc), which must not count as the steady state's.
        onWarm?.Invoke();
        _gen0 = GC.CollectionCount(0);
        _gen1 = GC.CollectionCount(1);
        _gen2 = GC.CollectionCount(2);
        _bytes = GC.GetTotalAllocatedBytes(precise: true);
        _threadBytes = GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>
    /// The steady-state figures (all zero when the run never left warm-up). Call on the producer thread:
    /// <c>ThreadBytes</c> is what that thread allocated (all of the work in the inline topology).
    /// </summary>
    public (int Gen0, int Gen1, int Gen2, long AllocatedBytes, long ThreadBytes, long Events) Finish(long published) =>
        !_armed ? (0, 0, 0, 0, 0, 0)
            : (GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2,
               GC.GetTotalAllocatedBytes(precise: true) - _bytes, GC.GetAllocatedBytesForCurrentThread() - _threadBytes, published - _events);
}
