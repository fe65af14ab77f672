namespace HftScalper.Binance.Time;

/// <summary>Whether signed requests may be timestamped now (trading reads this and fails closed on anything but
/// <see cref="Synced"/>).</summary>
public enum ClockSyncState : byte
{
    /// <summary>No server time measured yet.</summary>
    Unsynced = 0,

    /// <summary>The offset is measured, recent and within bounds.</summary>
    Synced = 1,

    /// <summary>The measured offset (or the round trip that measured it) exceeds the configured bound: the local
    /// clock cannot be trusted for <c>timestamp</c>/<c>recvWindow</c>.</summary>
    OutOfBounds = 2,

    /// <summary>The last successful measurement is older than <see cref="ServerTimeSyncOptions.MaxAge"/>.</summary>
    Stale = 3,
}
