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
}
