using HftScalper.Binance.Sync;

namespace HftScalper.Recording.Replay;

/// <summary>Settings of a <see cref="ReplayDriver"/>.</summary>
internal sealed record ReplayDriverOptions
{
    /// <summary>Ring size (power of two).</summary>
    public int RingSize { get; init; } = 1 << 16;

    /// <summary>Depth chaining rule of the recorded market (spot U/u or futures pu).</summary>
    public DepthSyncRule Rule { get; init; } = DepthSyncRule.Spot;

    /// <summary>Venue under which the parser registers symbols it meets; null requires them registered.</summary>
    public string? AutoRegisterVenue { get; init; } = "binance-spot";

    /// <summary>Where pipeline failures are logged (default: stderr).</summary>
    public Action<string>? Log { get; init; }
}
