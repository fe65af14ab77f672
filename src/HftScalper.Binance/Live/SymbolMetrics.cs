namespace HftScalper.Binance.Live;

/// <summary>One symbol's feed health at the time of a <see cref="LiveMetricsSnapshot"/>.</summary>
/// <param name="SymbolId">Registry id.</param>
/// <param name="Symbol">Upper-case name.</param>
/// <param name="State">Book sync state.</param>
/// <param name="Messages">Messages forwarded for this symbol.</param>
/// <param name="MessagesPerSecond">Rate since the previous snapshot.</param>
/// <param name="Duplicates">Messages dropped as already seen (connection overlap, duplicated frames).</param>
/// <param name="Gaps">Times a synced book lost continuity (update ids skipped).</param>
/// <param name="Resyncs">Snapshots fetched after the first (gaps, reconnects, stale snapshots).</param>
/// <param name="Snapshots">Snapshots fetched in total.</param>
/// <param name="LastFeedLatencyNs">Local receive time minus exchange event time of the last message with one.</param>
/// <param name="MeanFeedLatencyNs">Mean of the same since start.</param>
/// <param name="MaxFeedLatencyNs">Largest of the same since start.</param>
/// <param name="SinceLastMessage">Time since the last message (null before the first).</param>
public sealed record SymbolMetrics(
    int SymbolId, string Symbol, LiveSyncState State, long Messages, double MessagesPerSecond, long Duplicates,
    long Gaps, long Resyncs, long Snapshots, long LastFeedLatencyNs, long MeanFeedLatencyNs, long MaxFeedLatencyNs,
    TimeSpan? SinceLastMessage);
