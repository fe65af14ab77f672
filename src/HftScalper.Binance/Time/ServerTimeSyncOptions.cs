namespace HftScalper.Binance.Time;

/// <summary>Settings of <see cref="ServerTimeSync"/>.</summary>
public sealed record ServerTimeSyncOptions
{
    /// <summary>Samples per measurement; the offset is their median (odd counts avoid averaging).</summary>
    public int Samples { get; init; } = 5;

    /// <summary>How often the offset is measured again (the refresh loop).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>After this long without a successful measurement the state becomes <see cref="ClockSyncState.Stale"/>.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest |server - local| offset accepted, in ms; beyond it the state is <see cref="ClockSyncState.OutOfBounds"/>.</summary>
    public long MaxAbsOffsetMs { get; init; } = 1000;

    /// <summary>Largest round trip of the median sample accepted, in ms (the offset's uncertainty is half of it).</summary>
    public long MaxRoundTripMs { get; init; } = 2000;

    /// <summary><c>recvWindow</c> sent with signed requests, in ms (Binance: default 5000, max 60000).</summary>
    public int RecvWindowMs { get; init; } = 5000;

    /// <summary>Throws when a value is outside what Binance or the algorithm accepts.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Samples, 1, nameof(Samples));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecvWindowMs, 1, nameof(RecvWindowMs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecvWindowMs, 60000, nameof(RecvWindowMs));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxAbsOffsetMs, nameof(MaxAbsOffsetMs));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRoundTripMs, nameof(MaxRoundTripMs));
    }
}
