using HftScalper.Binance.Live;
using HftScalper.Reporting.Monitoring;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class LiveMetricsExpositionTests
{
    [Fact]
    public void A_live_feed_snapshot_is_exposed_per_connection_and_symbol_with_escaped_labels()
    {
        var snapshot = new LiveMetricsSnapshot(123,
            [
                new ConnectionMetrics(0, 7, true, 4, 1000, 50.5, 1, 0, 2, 3, 1, 1, 0, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(20)),
                new ConnectionMetrics(1, 8, false, 2, 10, 0, 0, 0, 0, 1, 0, 0, 1, TimeSpan.Zero, null),
            ],
            [
                new SymbolMetrics(0, "BTCUSDT", LiveSyncState.Synced, 900, 45, 5, 1, 2, 3, 1_500_000, 1_000_000, 9_000_000, TimeSpan.FromMilliseconds(5)),
                new SymbolMetrics(1, "ODD\"SYM", LiveSyncState.NeedsSnapshot, 100, 5, 0, 0, 0, 1, 0, 0, 0, null),
            ],
            SnapshotRequests: 4, RateLimited: 1, Banned: 0, RestFailures: 2, UsedWeight: 40);

        var m = MetricsEndpointTests.Parse(LiveMetricsExposition.Format(snapshot));

        Assert.Equal(4, m["hft_feed_snapshot_requests_total"]);
        Assert.Equal(40, m["hft_feed_rest_used_weight"]);
        Assert.Equal(1, m["hft_feed_connection_up{group=\"0\"}"]);
        Assert.Equal(0, m["hft_feed_connection_up{group=\"1\"}"]);
        Assert.Equal(1000, m["hft_feed_connection_messages_total{group=\"0\"}"]);
        Assert.Equal(90, m["hft_feed_connection_age_seconds{group=\"0\"}"]);
        Assert.True(double.IsNaN(m["hft_feed_connection_silence_seconds{group=\"1\"}"]));
        Assert.Equal(1, m["hft_feed_symbol_state{symbol=\"BTCUSDT\",state=\"synced\"}"]);
        Assert.Equal(0, m["hft_feed_symbol_state{symbol=\"BTCUSDT\",state=\"unsynced\"}"]);
        Assert.Equal(1, m["hft_feed_symbol_state{symbol=\"ODD\\\"SYM\",state=\"needssnapshot\"}"]);
        Assert.Equal(2, m["hft_feed_symbol_resyncs_total{symbol=\"BTCUSDT\"}"]);
        Assert.Equal(0.0015, m["hft_feed_symbol_latency_seconds{symbol=\"BTCUSDT\"}"], 12);
    }
}
