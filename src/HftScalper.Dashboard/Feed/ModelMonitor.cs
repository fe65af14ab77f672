using System.Globalization;
using System.Text.Json;

namespace HftScalper.Dashboard.Feed;

/// <summary>
/// The page's model monitor: every sample of the model families of <c>/metrics</c> (the roles serving, live / shadow,
/// with <c>hft_model_info</c>; online accuracy and loss drift; the shadow candidate beside the live model; feature and
/// prediction drift), picked from the same text a scrape gets (histograms left to Grafana), so the page shows what the alert rules watch. Rendered
/// by the sampler's thread each frame, never on the hot path.
/// </summary>
internal static class ModelMonitor
{
    private static readonly string[] Families = ["hft_model_", "hft_shadow_", "hft_feature_", "hft_prediction_"];

    /// <summary>Writes <c>"monitor": [{"sample": key, "value": v}, ...]</c> from <paramref name="metrics"/> (empty without
    /// it); a value that is not finite (NaN before any score) is written as null.</summary>
    public static void Write(Utf8JsonWriter w, string? metrics)
    {
        w.WriteStartArray("monitor");
        foreach (var line in (metrics ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#') || !Array.Exists(Families, f => line.StartsWith(f, StringComparison.Ordinal))) continue;
            int space = line.LastIndexOf(' ');
            if (space <= 0 || IsHistogram(line.AsSpan(0, space))) continue;
            w.WriteStartObject();
            w.WriteString("sample", line[..space]);
            if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                w.WriteNumber("value", v);
            else w.WriteNull("value");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // Histograms (batch sizes, latencies) are for Grafana: their buckets would bury the page's figures.
    private static bool IsHistogram(ReadOnlySpan<char> sample)
    {
        int brace = sample.IndexOf('{');
        var name = brace < 0 ? sample : sample[..brace];
        return name.EndsWith("_bucket", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal)
            || name.EndsWith("_count", StringComparison.Ordinal);
    }
}
