using System.Text.Json;
using HftScalper.Dashboard.Feed;

namespace HftScalper.Dashboard.Tests;

/// <summary>The page's model monitor picks the model samples of <c>/metrics</c>: roles, accuracy, shadow and drift, no
/// histogram bucket, nothing of the pipeline's counters, and a value that is not a number as null.</summary>
public sealed class ModelMonitorTests
{
    [Fact]
    public void Picks_model_shadow_and_drift_samples_and_leaves_counters_and_histograms_out()
    {
        const string Metrics = """
            # HELP hft_pipeline_events_total Events
            hft_pipeline_events_total 12
            hft_model_info{role="live",model="m",version="1"} 1
            hft_model_info{role="candidate",model="c",version="2"} 1
            hft_model_online_accuracy{horizon="5s"} NaN
            hft_model_batch_size_bucket{role="live",le="1"} 3
            hft_model_batch_size_sum{role="live"} 3
            hft_model_batch_size_count{role="live"} 3
            hft_shadow_agreement_ratio 0.75
            hft_feature_psi{feature="spread"} 0.31
            hft_prediction_drift_alarms_total 2
            """;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            ModelMonitor.Write(w, Metrics);
            w.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var rows = doc.RootElement.GetProperty("monitor").EnumerateArray()
            .Select(r => (r.GetProperty("sample").GetString()!, r.GetProperty("value"))).ToArray();

        Assert.Equal(["hft_model_info{role=\"live\",model=\"m\",version=\"1\"}", "hft_model_info{role=\"candidate\",model=\"c\",version=\"2\"}",
            "hft_model_online_accuracy{horizon=\"5s\"}", "hft_shadow_agreement_ratio", "hft_feature_psi{feature=\"spread\"}",
            "hft_prediction_drift_alarms_total"], rows.Select(r => r.Item1));
        Assert.Equal(JsonValueKind.Null, rows[2].Item2.ValueKind);
        Assert.Equal(0.31, rows[4].Item2.GetDouble());
    }

    [Fact]
    public void Without_metrics_the_monitor_is_empty()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            ModelMonitor.Write(w, null);
            w.WriteEndObject();
        }
        Assert.Equal("""{"monitor":[]}""", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
