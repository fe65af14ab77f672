namespace HftScalper.Reporting;

/// <summary>One bin of a logarithmic latency histogram: samples in [<paramref name="LowerNs"/>, <paramref name="UpperNs"/>).</summary>
/// <param name="LowerNs">Lower edge in ns.</param>
/// <param name="UpperNs">Upper edge in ns.</param>
/// <param name="Count">Samples in the bin.</param>
public readonly record struct LatencyBin(double LowerNs, double UpperNs, long Count);
