namespace HftScalper.Features.Engine;

/// <summary>
/// The work an event made the <see cref="FeatureEngine"/> do beyond the per-event fold (<see cref="FeatureEngine.LastWork"/>):
/// a latency diagnostic that says which periodic or costly step a slow decision paid for. Setting it costs a few
/// register writes per event; it never changes a row.
/// </summary>
[Flags]
public enum FeatureWork : byte
{
    /// <summary>Only the per-event fold (decayed sums, L1).</summary>
    None = 0,

    /// <summary>A synced depth message: native book figures, the impact walk and the slopes.</summary>
    DepthFigures = 1,

    /// <summary>At least one 1-second regime return was stepped into the GARCH and clustering recursions.</summary>
    SecondClosed = 2,

    /// <summary>Idle seconds (no event in them) were caught up with zero returns.</summary>
    IdleSeconds = 4,

    /// <summary>A bar of some timeframe closed and its indicators were updated.</summary>
    BarClosed = 8,
}
