using HftScalper.Binance.Transport;

namespace HftScalper.Binance.Live;

/// <summary>A point-in-time view of the live feed's health for the host to publish (Prometheus, dashboard).
/// Built on demand by <see cref="LiveMarketDataClient.GetMetrics"/>; allocation happens here, never per message.</summary>
/// <param name="TakenAtNs">When it was taken (<see cref="LocalClock"/>).</param>
/// <param name="Connections">Per stream group.</param>
/// <param name="Symbols">Per subscribed symbol.</param>
/// <param name="SnapshotRequests">REST snapshot requests sent.</param>
/// <param name="RateLimited">REST answers 429.</param>
/// <param name="Banned">REST answers 418.</param>
/// <param name="RestFailures">Other REST failures.</param>
/// <param name="UsedWeight">Request weight used this minute (server's count when known).</param>
public sealed record LiveMetricsSnapshot(
    long TakenAtNs, IReadOnlyList<ConnectionMetrics> Connections, IReadOnlyList<SymbolMetrics> Symbols,
    long SnapshotRequests, long RateLimited, long Banned, long RestFailures, int UsedWeight);
