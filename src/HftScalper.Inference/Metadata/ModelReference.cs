using System.Text;
using System.Text.Json;

namespace HftScalper.Inference.Metadata;

/// <summary>
/// What the model saw in training, for drift monitoring: a <see cref="FeatureSketch"/> per input feature (in the
/// order of <see cref="ModelMetadata.FeatureNames"/>) computed on the training rows, and the distribution of the
/// model's own predictions on those rows (a sketch and the mean per output column, e.g. P(down), P(flat), P(up)).
/// Stored in the metadata key <see cref="Key"/> as versioned JSON (<see cref="FormatVersion"/>); a model without the
/// key has no reference and drift is then reported as "no reference". About 150 bytes per feature.
/// </summary>
public sealed record ModelReference
{
    /// <summary>The ONNX metadata key.</summary>
    public const string Key = "hft.reference";

    /// <summary>The JSON format this code writes and reads (a newer one is ignored: no reference).</summary>
    public const int FormatVersion = 1;

    /// <summary>Training rows the sketches were computed on.</summary>
    public long Rows { get; init; }

    /// <summary>Quantiles the sketches asked for (bins before merging repeated cuts).</summary>
    public int Quantiles { get; init; } = 10;

    /// <summary>Where the rows came from (free text: training data, or a later <c>hft models sketch</c>).</summary>
    public string Source { get; init; } = "";

    /// <summary>One sketch per input feature, in the model's feature order.</summary>
    public IReadOnlyList<FeatureSketch> Features { get; init; } = [];

    /// <summary>Names of the prediction columns sketched (e.g. <c>down, flat, up</c>); empty = no prediction reference.</summary>
    public IReadOnlyList<string> PredictionNames { get; init; } = [];

    /// <summary>One sketch per prediction column.</summary>
    public IReadOnlyList<FeatureSketch> Predictions { get; init; } = [];

    /// <summary>Mean of each prediction column on the training rows.</summary>
    public IReadOnlyList<double> PredictionMeans { get; init; } = [];

    /// <summary>
    /// Sketches the rows of <paramref name="width"/> features (row-major <paramref name="features"/>)
    /// and, when given, the model's predictions on them (row-major <paramref name="predictions"/>, one column per name).
    /// </summary>
    public static ModelReference Build(ReadOnlySpan<float> features, int width, ReadOnlySpan<float> predictions, IReadOnlyList<string> predictionNames,
        string source, int quantiles = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentNullException.ThrowIfNull(predictionNames);
        int rows = features.Length / width;
        var column = new float[rows];
        var sketches = new FeatureSketch[width];
        for (int f = 0; f < width; f++)
        {
            for (int r = 0; r < rows; r++) column[r] = features[r * width + f];
            sketches[f] = FeatureSketch.Build(column, quantiles);
        }
        int k = predictions.IsEmpty ? 0 : predictionNames.Count;
        var predSketches = new FeatureSketch[k];
        var means = new double[k];
        if (k > 0)
        {
            int n = predictions.Length / k;
            var p = new float[n];
            for (int c = 0; c < k; c++)
            {
                double sum = 0;
                for (int r = 0; r < n; r++) sum += p[r] = predictions[r * k + c];
                predSketches[c] = FeatureSketch.Build(p, quantiles);
                means[c] = n == 0 ? 0 : Math.Round(sum / n, 6);
            }
        }
        return new ModelReference
        {
            Rows = rows, Quantiles = quantiles, Source = source, Features = sketches,
            PredictionNames = k > 0 ? [.. predictionNames] : [], Predictions = predSketches, PredictionMeans = means,
        };
    }

    /// <summary>The reference as the JSON value of <see cref="Key"/>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("version", FormatVersion);
            w.WriteNumber("rows", Rows);
            w.WriteNumber("quantiles", Quantiles);
            w.WriteString("source", Source);
            w.WriteStartArray("features");
            foreach (var s in Features) Write(w, s);
            w.WriteEndArray();
            w.WriteStartObject("predictions");
            w.WriteStartArray("names");
            foreach (var n in PredictionNames) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteStartArray("means");
            foreach (var m in PredictionMeans) w.WriteNumberValue(m);
            w.WriteEndArray();
            w.WriteStartArray("sketches");
            foreach (var s in Predictions) Write(w, s);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, FeatureSketch s)
    {
        w.WriteStartObject();
        w.WriteStartArray("cuts");
        foreach (var c in s.Cuts) w.WriteNumberValue(c);
        w.WriteEndArray();
        w.WriteStartArray("shares");
        foreach (var v in s.Shares) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteNumber("nan", Math.Round(s.NanShare, 5));
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads the JSON value of <see cref="Key"/>; null when it was written by a newer format version (unknown: no
    /// reference). Throws <see cref="FormatException"/> when it is malformed.
    /// </summary>
    public static ModelReference? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
            int version = root.GetProperty("version").GetInt32();
            if (version > FormatVersion) return null;
            if (version < 1) throw new FormatException($"version {version}");
            var preds = root.GetProperty("predictions");
            var reference = new ModelReference
            {
                Rows = root.GetProperty("rows").GetInt64(),
                Quantiles = root.GetProperty("quantiles").GetInt32(),
                Source = root.TryGetProperty("source", out var src) ? src.GetString() ?? "" : "",
                Features = [.. root.GetProperty("features").EnumerateArray().Select(ReadSketch)],
                PredictionNames = [.. preds.GetProperty("names").EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("a null prediction name"))],
                PredictionMeans = [.. preds.GetProperty("means").EnumerateArray().Select(e => e.GetDouble())],
                Predictions = [.. preds.GetProperty("sketches").EnumerateArray().Select(ReadSketch)],
            };
            if (reference.PredictionMeans.Count != reference.PredictionNames.Count || reference.Predictions.Count != reference.PredictionNames.Count)
                throw new FormatException("prediction names, means and sketches differ in number");
            return reference;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static FeatureSketch ReadSketch(JsonElement e) => new(
        [.. e.GetProperty("cuts").EnumerateArray().Select(c => c.GetSingle())],
        [.. e.GetProperty("shares").EnumerateArray().Select(c => c.GetDouble())],
        e.GetProperty("nan").GetDouble());
}
