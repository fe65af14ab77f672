using HftScalper.Binance.Live;

namespace HftScalper.Reporting.Monitoring;

/// <summary>
/// The live feed's <see cref="LiveMetricsSnapshot"/> in the Prometheus text format, for the host's <c>/metrics</c>
/// (the same writer as the pipeline's figures): per connection and per symbol counters and gauges.
/// </summary>
internal static class LiveMetricsExposition
{
    /// <summary>Formats <paramref name="snapshot"/> on its own.</summary>
    public static string Format(LiveMetricsSnapshot snapshot)
    {
        var w = new PrometheusWriter();
        Write(w, snapshot);
        return w.ToString();
    }

    /// <summary>Appends <paramref name="snapshot"/>'s families to <paramref name="w"/>.</summary>
    public static void Write(PrometheusWriter w, LiveMetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(snapshot);
        w.Counter("hft_feed_snapshot_requests_total", "REST depth snapshots requested", snapshot.SnapshotRequests);
        w.Counter("hft_feed_rest_rate_limited_total", "REST answers 429", snapshot.RateLimited);
        w.Counter("hft_feed_rest_banned_total", "REST answers 418", snapshot.Banned);
        w.Counter("hft_feed_rest_failures_total", "Other REST failures", snapshot.RestFailures);
        w.Gauge("hft_feed_rest_used_weight", "REST request weight used this minute", snapshot.UsedWeight);
        var conns = snapshot.Connections;
        Each(w, conns, "hft_feed_connection_up", "gauge", "1 when the stream group's connection is up", c => c.Connected ? 1 : 0);
        Each(w, conns, "hft_feed_connection_streams", "gauge", "Streams subscribed on the connection", c => c.Streams);
        Each(w, conns, "hft_feed_connection_messages_total", "counter", "Messages received", c => c.Messages);
        Each(w, conns, "hft_feed_connection_messages_per_second", "gauge", "Message rate since the previous snapshot", c => c.MessagesPerSecond);
        Each(w, conns, "hft_feed_connection_malformed_total", "counter", "Messages that could not be routed (dropped)", c => c.Malformed);
        Each(w, conns, "hft_feed_connection_oversized_total", "counter", "Messages over the frame cap (dropped)", c => c.Oversized);
        Each(w, conns, "hft_feed_connection_unknown_symbol_total", "counter", "Messages for symbols not registered", c => c.UnknownSymbol);
        Each(w, conns, "hft_feed_connection_reconnects_total", "counter", "Connections replaced after a break", c => c.Reconnects);
        Each(w, conns, "hft_feed_connection_rotations_total", "counter", "Make-before-break rotations", c => c.Rotations);
        Each(w, conns, "hft_feed_connection_server_shutdowns_total", "counter", "serverShutdown events received", c => c.ServerShutdowns);
        Each(w, conns, "hft_feed_connection_stale_disconnects_total", "counter", "Connections dropped for silence", c => c.StaleDisconnects);
        Each(w, conns, "hft_feed_connection_age_seconds", "gauge", "Age of the current connection", c => c.ConnectionAge.TotalSeconds);
        Each(w, conns, "hft_feed_connection_silence_seconds", "gauge", "Time since the last message (NaN before the first)", c => c.SinceLastMessage?.TotalSeconds ?? double.NaN);

        var syms = snapshot.Symbols;
        if (syms.Count > 0) w.Family("hft_feed_symbol_state", "gauge", "Book sync state per symbol: 1 for the current state");
        foreach (var s in syms)
            foreach (var state in Enum.GetValues<LiveSyncState>())
                w.Sample("hft_feed_symbol_state", s.State == state ? 1 : 0, ("symbol", s.Symbol), ("state", state.ToString().ToLowerInvariant()));
        Each(w, syms, "hft_feed_symbol_messages_total", "counter", "Messages forwarded for the symbol", s => s.Messages);
        Each(w, syms, "hft_feed_symbol_messages_per_second", "gauge", "Symbol message rate since the previous snapshot", s => s.MessagesPerSecond);
        Each(w, syms, "hft_feed_symbol_duplicates_total", "counter", "Messages dropped as already seen", s => s.Duplicates);
        Each(w, syms, "hft_feed_symbol_gaps_total", "counter", "Times a synced book lost continuity", s => s.Gaps);
        Each(w, syms, "hft_feed_symbol_resyncs_total", "counter", "Snapshots fetched after the first", s => s.Resyncs);
        Each(w, syms, "hft_feed_symbol_snapshots_total", "counter", "Snapshots fetched", s => s.Snapshots);
        Each(w, syms, "hft_feed_symbol_latency_seconds", "gauge", "Local receive minus exchange event time of the last message", s => s.LastFeedLatencyNs / 1e9);
        Each(w, syms, "hft_feed_symbol_latency_mean_seconds", "gauge", "Mean feed latency since start", s => s.MeanFeedLatencyNs / 1e9);
        Each(w, syms, "hft_feed_symbol_latency_max_seconds", "gauge", "Largest feed latency since start", s => s.MaxFeedLatencyNs / 1e9);
    }

    // One family, one sample per connection or symbol: a family's samples must stay together in the exposition.
    private static void Each(PrometheusWriter w, IReadOnlyList<ConnectionMetrics> items, string name, string type, string help, Func<ConnectionMetrics, double> value)
    {
        if (items.Count == 0) return;
        w.Family(name, type, help);
        foreach (var c in items) w.Sample(name, value(c), ("group", c.Group.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static void Each(PrometheusWriter w, IReadOnlyList<SymbolMetrics> items, string name, string type, string help, Func<SymbolMetrics, double> value)
    {
        if (items.Count == 0) return;
        w.Family(name, type, help);
        foreach (var s in items) w.Sample(name, value(s), ("symbol", s.Symbol));
    }
}
