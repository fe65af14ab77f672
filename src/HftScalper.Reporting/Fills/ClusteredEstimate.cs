namespace HftScalper.Reporting.Fills;

/// <summary>
/// An estimate with its cluster-robust standard error and 95 % interval (<see cref="ClusteredStatistics"/>):
/// <see cref="Low"/>..<see cref="High"/> = value -/+ t(clusters - 1, 97.5 %) x standard error. The error and the
/// interval are NaN where fewer than two clusters hold data.
/// </summary>
public sealed record ClusteredEstimate
{
    /// <summary>The estimate (a mean markout in bps, a PnL or a difference of either).</summary>
    public double Value { get; init; }

    /// <summary>Its standard error, respecting the dependence of samples within a bucket.</summary>
    public double StdErr { get; init; }

    /// <summary>Lower end of the 95 % interval.</summary>
    public double Low { get; init; }

    /// <summary>Upper end of the 95 % interval.</summary>
    public double High { get; init; }

    /// <summary>Samples behind it: fills with a resolved markout, or buckets for a PnL.</summary>
    public long Samples { get; init; }

    /// <summary>Clusters (time buckets holding data): the degrees of freedom are one fewer.</summary>
    public int Clusters { get; init; }

    /// <summary>For a difference, what it says (<see cref="ComparisonVerdict"/>); null otherwise.</summary>
    public string? Verdict { get; init; }
}
