using HftScalper.Binance.Feeds;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Replay;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// The one feed of a replay source (<see cref="ReplaySource.Feed"/>) made to end at a <see cref="StopSignal"/>, so a
/// stopped run still drains and reports the events it processed. The source itself (its counters, its damage) is
/// untouched: the stop sits between it and the feed.
/// </summary>
internal sealed class StoppableFeed
{
    private readonly StoppableFrames? _frames;
    private readonly StoppableEvents? _events;

    /// <summary>Wraps <paramref name="source"/>'s frames or events; see <see cref="ReplaySource.Feed"/> for the other arguments.</summary>
    public StoppableFeed(ReplaySource source, SymbolRegistry registry, string? autoRegisterVenue, StopSignal stop)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Frames is { } f)
        {
            _frames = new StoppableFrames(f, stop);
            Feed = new BinanceEventFeed(_frames, registry, autoRegisterVenue);
        }
        else
        {
            _events = source.Events is IMarketEventBatchSource batches ? new StoppableBatchEvents(batches, stop) : new StoppableEvents(source.Events!, stop);
            Feed = new BinanceEventFeed(_events);
        }
    }

    /// <summary>The feed to run.</summary>
    public BinanceEventFeed Feed { get; }

    /// <summary>Whether the stop cut the input short (false when the input had ended before it came).</summary>
    public bool Stopped => _frames?.Stopped ?? _events!.Stopped;
}
