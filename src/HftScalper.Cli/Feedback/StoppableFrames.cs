using HftScalper.Core.Frames;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// A frame source that ends early once <see cref="StopSignal"/> is asked: the pipeline then sees the end of its input
/// and finishes as it would at the end of the file (drained, summarised). Costs one volatile read per frame. Does not
/// own <paramref name="inner"/>.
/// </summary>
internal sealed class StoppableFrames(IRawFrameSource inner, StopSignal stop) : IRawFrameSource
{
    /// <inheritdoc />
    public string Description => inner.Description;

    /// <summary>Whether the input was cut short by the stop.</summary>
    public bool Stopped { get; private set; }

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        if (stop.IsRequested)
        {
            Stopped = true;
            frame = default;
            return false;
        }
        return inner.TryRead(out frame);
    }

    /// <inheritdoc />
    public void Dispose() { }
}
