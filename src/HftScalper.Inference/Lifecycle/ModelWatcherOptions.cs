namespace HftScalper.Inference.Lifecycle;

/// <summary>Timing of a <see cref="ModelDirectoryWatcher"/>.</summary>
public sealed record ModelWatcherOptions
{
    /// <summary>Quiet time after a file's last change before it is read, and the size/time must be unchanged across it. Default 250 ms.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Folder scan interval (catches what file events miss: network mounts, overflowed event queues) and health tick. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Use OS file events (inotify) besides polling. Default true; off = polling only.</summary>
    public bool UseFileSystemWatcher { get; init; } = true;
}
