using HftScalper.Binance.Feeds;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Replay;

/// <summary>
/// What <see cref="ReplaySourceFactory"/> opened: exactly one of <see cref="Frames"/> (raw exchange frames, to be
/// parsed) or <see cref="Events"/> (ready market events from non-JSON formats).
/// </summary>
public sealed class ReplaySource : IDisposable, IInputDamageSource
{
    /// <summary>Wraps a frame source.</summary>
    public ReplaySource(ReplayFormat format, IRawFrameSource frames)
    {
        Format = format;
        Frames = frames ?? throw new ArgumentNullException(nameof(frames));
    }

    /// <summary>Wraps an event source.</summary>
    public ReplaySource(ReplayFormat format, ICountedEventSource events)
    {
        Format = format;
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The detected format.</summary>
    public ReplayFormat Format { get; }

    /// <summary>The frame source, when the format holds raw frames.</summary>
    public IRawFrameSource? Frames { get; }

    /// <summary>The event source, when the format holds market events.</summary>
    public ICountedEventSource? Events { get; }

    /// <summary>Whether the files were given out of time order and are read sorted by their first timestamp.</summary>
    public bool Reordered { get; internal init; }

    /// <summary>Description of the underlying source.</summary>
    public string Description => Frames?.Description ?? Events!.Description;

    /// <summary>
    /// The source as the one feed every consumer reads (<see cref="BinanceEventFeed"/>): frames through a new replay
    /// parser resolving symbols in <paramref name="registry"/> (the registry the source was opened with) and
    /// registering unknown ones under <paramref name="autoRegisterVenue"/>; events cut into their messages. The feed
    /// borrows the source: disposing this <see cref="ReplaySource"/> still closes it.
    /// </summary>
    public BinanceEventFeed Feed(SymbolRegistry registry, string? autoRegisterVenue) =>
        Frames is { } frames ? new BinanceEventFeed(frames, registry, autoRegisterVenue) : new BinanceEventFeed(Events!);

    /// <inheritdoc />
    public void Dispose()
    {
        Frames?.Dispose();
        Events?.Dispose();
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => total.AddFrom((object?)Frames ?? Events);
}
