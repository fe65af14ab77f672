using System.Globalization;
using System.Text;
using HdrHistogram;

namespace HftScalper.Reporting.Monitoring;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): one <c># HELP</c> and <c># TYPE</c> per family,
/// then its samples, label values escaped. Used for the pipeline's <c>/metrics</c> and the live feed's snapshot, so
/// every host exposes the same way. Allocates (a scrape is a reader's call, off the hot path).
/// </summary>
internal sealed class PrometheusWriter
{
    /// <summary>Content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _sb = new(8192);
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>Starts family <paramref name="name"/> (once; later calls for the same name do nothing).</summary>
    public PrometheusWriter Family(string name, string type, string help)
    {
        if (!_families.Add(name)) return this;
        _sb.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        _sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    /// <summary>One sample; <paramref name="labels"/> are name/value pairs.</summary>
    public PrometheusWriter Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _sb.Append(name);
        if (labels.Length > 0)
        {
            _sb.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0) _sb.Append(',');
                _sb.Append(labels[i].Name).Append("=\"");
                foreach (char ch in labels[i].Value)
                {
                    if (ch == '\\') _sb.Append("\\\\");
                    else if (ch == '"') _sb.Append("\\\"");
                    else if (ch == '\n') _sb.Append("\\n");
                    else _sb.Append(ch);
                }
                _sb.Append('"');
            }
            _sb.Append('}');
        }
        _sb.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <summary>A counter family with one sample.</summary>
    public PrometheusWriter Counter(string name, string help, double value, params (string, string)[] labels) =>
        Family(name, "counter", help).Sample(name, value, labels);

    /// <summary>A gauge family with one sample.</summary>
    public PrometheusWriter Gauge(string name, string help, double value, params (string, string)[] labels) =>
        Family(name, "gauge", help).Sample(name, value, labels);

    /// <summary>
    /// A histogram from an HdrHistogram of nanoseconds, exposed in seconds with cumulative buckets at
    /// <paramref name="boundsSeconds"/> (ascending), <c>+Inf</c>, <c>_sum</c> (from bucket values, within the histogram's precision) and <c>_count</c>.
    /// </summary>
    public PrometheusWriter Histogram(string name, string help, HistogramBase nanos, ReadOnlySpan<double> boundsSeconds, params (string, string)[] labels)
    {
        Family(name, "histogram", help);
        var withLe = new (string, string)[labels.Length + 1];
        labels.CopyTo(withLe, 0);
        long total = nanos.TotalCount;
        // One pass over the recorded buckets (ascending): a bucket counts under every bound at or above its value.
        Span<long> counts = stackalloc long[boundsSeconds.Length];
        double sum = 0;
        foreach (var v in nanos.RecordedValues())
        {
            long value = v.ValueIteratedTo, n = v.CountAtValueIteratedTo;
            sum += n * (double)value;
            for (int i = boundsSeconds.Length - 1; i >= 0 && value <= (long)(boundsSeconds[i] * 1e9); i--) counts[i] += n;
        }
        for (int i = 0; i < boundsSeconds.Length; i++)
        {
            withLe[^1] = ("le", Format(boundsSeconds[i]));
            Sample(name + "_bucket", Math.Min(counts[i], total), withLe);
        }
        withLe[^1] = ("le", "+Inf");
        Sample(name + "_bucket", total, withLe);
        Sample(name + "_sum", sum / 1e9, labels);
        Sample(name + "_count", total, labels);
        return this;
    }

    /// <summary>The text so far.</summary>
    public override string ToString() => _sb.ToString();

    private static string Format(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf" : v.ToString("R", CultureInfo.InvariantCulture);
}
