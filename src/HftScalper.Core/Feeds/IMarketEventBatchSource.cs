using HftScalper.Core.Events;

namespace HftScalper.Core.Feeds;

/// <summary>
/// An <see cref="IMarketEventSource"/> that can also hand out events a batch at a time (the event journal), so a
/// feed copies whole blocks instead of making one call per event.
/// </summary>
public interface IMarketEventBatchSource : IMarketEventSource
{
    /// <summary>
    /// Copies up to <paramref name="destination"/>.Length next events into it and returns how many; 0 only at the
    /// end. Interleaves freely with <see cref="IMarketEventSource.TryRead"/>. Allocation-free.
    /// </summary>
    int ReadBatch(Span<MarketEvent> destination);

    /// <summary>
    /// Copies up to <paramref name="destination"/>.Length next events that the source has already read in (the rest
    /// of the journal block the last read came from) and returns how many; 0 when none is buffered. Never reads
    /// further: no new block, no new segment, so nothing the source does on opening one (registering a segment's
    /// symbols) happens earlier than <see cref="IMarketEventSource.TryRead"/> event by event would do it. The same
    /// events, in the same order, as that many <see cref="IMarketEventSource.TryRead"/> calls; allocation-free. The
    /// default buffers nothing.
    /// </summary>
    int ReadBuffered(Span<MarketEvent> destination) => 0;
}
