namespace HftScalper.Reporting;

/// <summary>
/// Settings of <see cref="FeatureDriftMonitor"/>. The defaults compare the last 20 minutes of exchange time (one row a
/// second, 1,200 rows) with the model's training rows every 30 seconds; the false-alarm rate they give is in the
/// monitor's docs and in the README.
/// </summary>
public sealed record FeatureDriftOptions
{
    /// <summary>Exchange time between two sampled rows, ns (default 1 s): rows closer than that are skipped, which
    /// bounds the cost and keeps neighbouring rows from being near copies of each other.</summary>
    public long SampleIntervalNs { get; init; } = 1_000_000_000;

    /// <summary>Rows in the sliding window compared with the reference (default 1,200: twenty minutes of exchange time;
    /// a shorter window alarms on noise when rows are strongly autocorrelated, see <see cref="FeatureDriftMonitor"/>). PSI is judged only once the
    /// window is full.</summary>
    public int Window { get; init; } = 1_200;

    /// <summary>Exchange time between two evaluations, ns (default 30 s).</summary>
    public long BlockNs { get; init; } = 30_000_000_000;

    /// <summary>Population stability index at or above which a column has drifted (default 0.25, the usual "major
    /// shift" level; 0.1 to 0.25 is usually read as "moderate").</summary>
    public double PsiThreshold { get; init; } = 0.25;

    /// <summary>
    /// One-sided normal quantile of the significance a drift must also reach (default 3.72: p &lt; 1e-4 per column and
    /// evaluation): the window's PSI times its effective rows is about chi-square with bins - 1 degrees of freedom
    /// when nothing changed, so a small or strongly autocorrelated window (whose PSI is biased upward) must show a
    /// larger PSI before it counts.
    /// </summary>
    public double SignificanceZ { get; init; } = 3.72;

    /// <summary>Alarms kept with their time and column for the report (default 64; all are counted).</summary>
    public int MaxEvents { get; init; } = 64;
}
