using HftScalper.Core.Frames;

namespace HftScalper.Recording.Live;

/// <summary>What the live recorder wrote (updated by its writer thread; read them after it stopped, or as a
/// progress figure while running).</summary>
public sealed class RecorderCounters
{
    private long _frames, _snapshots, _bytes, _dropped;

    /// <summary>Frames written (WebSocket messages and REST snapshots).</summary>
    public long Frames => Volatile.Read(ref _frames);

    /// <summary>Of <see cref="Frames"/>, the REST depth snapshots.</summary>
    public long Snapshots => Volatile.Read(ref _snapshots);

    /// <summary>Payload bytes written.</summary>
    public long PayloadBytes => Volatile.Read(ref _bytes);

    /// <summary>Frames that could not be recorded because the writer had failed (disk full, I/O error).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    internal void Written(FrameOrigin origin, int bytes)
    {
        Volatile.Write(ref _frames, _frames + 1);
        if (origin == FrameOrigin.RestSnapshot) Volatile.Write(ref _snapshots, _snapshots + 1);
        Volatile.Write(ref _bytes, _bytes + bytes);
    }

    internal long Drop() => Interlocked.Increment(ref _dropped);
}
