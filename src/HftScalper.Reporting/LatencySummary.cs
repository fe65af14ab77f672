namespace HftScalper.Reporting;

/// <summary>Latency figures of one measurement point, in ns (JSON keys: count, p50, p99, p999, min, max, mean).</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Min">Smallest sample.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Mean">Arithmetic mean.</param>
public sealed record LatencySummary(long Count, long P50, long P99, long P999, long Min, long Max, double Mean);
