using HftScalper.Core.Events;
using HftScalper.Core.Feeds;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// An event source that ends early once <see cref="StopSignal"/> is asked (see <see cref="StoppableFrames"/>).
/// <see cref="StoppableBatchEvents"/> keeps the block reads of a batch source (the event journal). Does not own the inner source.
/// </summary>
internal class StoppableEvents(IMarketEventSource inner, StopSignal stop) : IMarketEventSource
{
    /// <summary>The stop this source obeys.</summary>
    protected StopSignal Stop { get; } = stop;

    /// <inheritdoc />
    public string Description => inner.Description;

    /// <inheritdoc />
    public bool QuoteIsMarketState => inner.QuoteIsMarketState;

    /// <summary>Whether the input was cut short by the stop.</summary>
    public bool Stopped { get; protected set; }

    /// <inheritdoc />
    public bool TryRead(out MarketEvent ev)
    {
        if (Stop.IsRequested)
        {
            Stopped = true;
            ev = default;
            return false;
        }
        return inner.TryRead(out ev);
    }

    /// <inheritdoc />
    public void Dispose() => GC.SuppressFinalize(this);
}
