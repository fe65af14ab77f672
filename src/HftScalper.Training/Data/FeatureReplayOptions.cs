using HftScalper.Binance.Sync;
using HftScalper.Features.Engine;

namespace HftScalper.Training.Data;

/// <summary>Settings of a <see cref="FeatureReplay"/>.</summary>
public sealed record FeatureReplayOptions
{
    /// <summary>Depth sync rules (spot U/u or futures pu chaining).</summary>
    public DepthSyncRule Rule { get; init; } = DepthSyncRule.Spot;

    /// <summary>Feature engine settings (triggers, windows); null = the defaults.</summary>
    public FeatureEngineOptions? Features { get; init; }

    /// <summary>Where damage reports go (default: stderr).</summary>
    public Action<string>? Log { get; init; }
}
