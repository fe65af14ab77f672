using HftScalper.Core.Events;
using HftScalper.Core.Feeds;

namespace HftScalper.Cli.Feedback;

/// <summary>A <see cref="StoppableEvents"/> over a batch source, keeping its block reads.</summary>
internal sealed class StoppableBatchEvents(IMarketEventBatchSource inner, StopSignal stop) : StoppableEvents(inner, stop), IMarketEventBatchSource
{
    /// <inheritdoc />
    public int ReadBatch(Span<MarketEvent> destination)
    {
        if (Stop.IsRequested)
        {
            Stopped = true;
            return 0;
        }
        return inner.ReadBatch(destination);
    }

    /// <inheritdoc />
    public int ReadBuffered(Span<MarketEvent> destination)
    {
        if (Stop.IsRequested)
        {
            Stopped = true;
            return 0;
        }
        return inner.ReadBuffered(destination);
    }
}
