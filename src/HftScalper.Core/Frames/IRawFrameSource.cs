namespace HftScalper.Core.Frames;

/// <summary>
/// A stream of raw frames in arrival order: a recording on disk, the journal, the market simulator.
/// Implementations reuse their buffers, so reading allocates nothing per frame in steady state.
/// </summary>
public interface IRawFrameSource : IDisposable
{
    /// <summary>Human-readable description for logs (file names, simulator seed).</summary>
    string Description { get; }

    /// <summary>Reads the next frame. Returns false at the end of the stream. A malformed record is reported
    /// through the source's counters and skipped, never thrown, so one bad line cannot stop a replay.</summary>
    bool TryRead(out RawFrame frame);
}
