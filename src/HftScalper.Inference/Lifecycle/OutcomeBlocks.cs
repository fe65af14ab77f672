namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// The one rule for how long a block of scored outcomes lasts in the sequential and paired tests. Outcomes of
/// decisions closer than a horizon overlap (the same price path decides both), so at 30 decisions a second a
/// block counted in decisions can be shorter than one horizon and its neighbours nearly copies. Blocks are
/// therefore measured in exchange time: five horizons, at least ten seconds, so neighbouring block means share
/// little and the block means are close to independent.
/// </summary>
public static class OutcomeBlocks
{
    /// <summary>Shortest block, ns (10 s).</summary>
    public const long MinimumNs = 10_000_000_000;

    /// <summary>Horizons per block.</summary>
    public const int Horizons = 5;

    /// <summary>The block length for outcomes at <paramref name="horizonNs"/>: five horizons, at least <see cref="MinimumNs"/>.</summary>
    public static long DurationFor(long horizonNs) => Math.Max(MinimumNs, Horizons * Math.Max(horizonNs, 0));
}
