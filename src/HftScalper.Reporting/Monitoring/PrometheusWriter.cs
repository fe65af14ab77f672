using HdrHistogram;
using Prometheus;

namespace HftScalper.Reporting.Monitoring;

/// <summary>
/// One scrape's families in a fresh prometheus-net registry, then exposed by prometheus-net in the Prometheus text
/// format (0.0.4): the pipeline's <c>/metrics</c> and the live feed's snapshot go through it, so every host exposes
/// the same way. Values are copied from counters the stages keep (counters <c>IncTo</c> the figure, gauges <c>Set</c>
/// it, histograms observe each recorded value with its count), so a registry per scrape exposes exactly what was read
/// and a series that went away (a swapped model) goes with it. Allocates (a scrape is a reader's call, off the hot path).
/// </summary>
internal sealed class PrometheusWriter
{
    /// <summary>Content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly IMetricFactory _factory;
    private readonly Dictionary<string, (string Type, string Help)> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Collector> _collectors = new(StringComparer.Ordinal);

    public PrometheusWriter() => _factory = Metrics.WithCustomRegistry(_registry);

    /// <summary>Declares family <paramref name="name"/> (once; later calls for the same name do nothing).</summary>
    public PrometheusWriter Family(string name, string type, string help)
    {
        _families.TryAdd(name, (type, help));
        return this;
    }

    /// <summary>One sample of a declared counter or gauge family; <paramref name="labels"/> are name/value pairs.</summary>
    public PrometheusWriter Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        if (!_families.TryGetValue(name, out var family)) throw new InvalidOperationException($"family {name} was not declared");
        var (names, values) = Split(labels);
        if (family.Type == "counter")
        {
            var c = (Counter)Get(name, () => _factory.CreateCounter(name, family.Help, names));
            c.WithLabels(values).IncTo(value);
        }
        else
        {
            var g = (Gauge)Get(name, () => _factory.CreateGauge(name, family.Help, names));
            g.WithLabels(values).Set(value);
        }
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
    /// <paramref name="boundsSeconds"/> (ascending), <c>+Inf</c>, <c>_sum</c> (from bucket values, within the histogram's
    /// precision) and <c>_count</c>.
    /// </summary>
    public PrometheusWriter Histogram(string name, string help, HistogramBase nanos, double[] boundsSeconds, params (string, string)[] labels)
    {
        var child = HistogramChild(name, help, boundsSeconds, labels);
        foreach (var v in nanos.RecordedValues()) child.Observe(v.ValueIteratedTo / 1e9, v.CountAtValueIteratedTo);
        return this;
    }

    /// <summary>A histogram of small integers: <paramref name="count"/>(v) observations of each v in 1..<paramref name="max"/>.</summary>
    public PrometheusWriter Histogram(string name, string help, int max, Func<int, long> count, double[] bounds, params (string, string)[] labels)
    {
        var child = HistogramChild(name, help, bounds, labels);
        for (int v = 1; v <= max; v++)
            if (count(v) is var n and > 0) child.Observe(v, n);
        return this;
    }

    /// <summary>The exposition text of everything written so far (prometheus-net's serializer).</summary>
    public override string ToString()
    {
        using var buffer = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(buffer).GetAwaiter().GetResult(); // a MemoryStream completes synchronously
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private Histogram.Child HistogramChild(string name, string help, double[] bounds, (string, string)[] labels)
    {
        var (names, values) = Split(labels);
        var h = (Histogram)Get(name, () => _factory.CreateHistogram(name, help, new HistogramConfiguration { LabelNames = names, Buckets = bounds }));
        return h.WithLabels(values);
    }

    private Collector Get(string name, Func<Collector> create)
    {
        if (!_collectors.TryGetValue(name, out var c)) _collectors[name] = c = create();
        return c;
    }

    private static (string[] Names, string[] Values) Split((string Name, string Value)[] labels)
    {
        var names = new string[labels.Length];
        var values = new string[labels.Length];
        for (int i = 0; i < labels.Length; i++) (names[i], values[i]) = labels[i];
        return (names, values);
    }
}
