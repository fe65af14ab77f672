using HftScalper.Core.Frames;
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
    public ReplaySource(ReplayFormat format, IMarketEventSource events)
    {
        Format = format;
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The detected format.</summary>
    public ReplayFormat Format { get; }

    /// <summary>The frame source, when the format holds raw frames.</summary>
    public IRawFrameSource? Frames { get; }

    /// <summary>The event source, when the format holds market events.</summary>
    public IMarketEventSource? Events { get; }

    /// <summary>Whether the files were given out of time order and are read sorted by their first timestamp.</summary>
    public bool Reordered { get; internal init; }

    /// <summary>Description of the underlying source.</summary>
    public string Description => Frames?.Description ?? Events!.Description;

    /// <inheritdoc />
    public void Dispose()
    {
        Frames?.Dispose();
        Events?.Dispose();
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => total.AddFrom((object?)Frames ?? Events);
}
