using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;

namespace HftScalper.Training.Export;

/// <summary>
/// Adds reference distributions (<see cref="ModelReference"/>: per-feature sketches and the model's predictions on
/// the rows) to a saved direction model, rewriting only its metadata: the graph, and so every output, stays byte for
/// byte. Used by <c>hft train</c> on its training rows and by <c>hft models sketch</c> on any rows.
/// </summary>
public static class ReferenceStamp
{
    /// <summary>Rows sketched at most (evenly spaced over the data): enough for deciles, bounded time.</summary>
    public const int MaxRows = 50_000;

    /// <summary>
    /// Scores evenly spaced rows of <paramref name="samples"/> (at most <see cref="MaxRows"/>) with the model at
    /// <paramref name="modelPath"/> through the serving path, sketches rows and predictions, and writes the reference
    /// into the file's metadata. Returns it.
    /// </summary>
    /// <exception cref="Inference.Loading.ModelLoadException">The file is not a direction model for <paramref name="schema"/>.</exception>
    public static ModelReference Add(string modelPath, FeatureSchema schema, FeatureMatrix samples, string source)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Rows == 0) throw new InvalidDataException("no rows to sketch");
        var rows = Spaced(samples.Rows, MaxRows);
        var selected = samples.Select(rows);
        var all = Enumerable.Range(0, selected.Rows).ToArray();
        var predictions = OnnxScorer.Score(modelPath, schema, selected, all, ModelRole.Direction, out int width);
        var names = width == DirectionClass.Names.Count ? DirectionClass.Names : [.. Enumerable.Range(0, width).Select(i => "p" + i)];
        var reference = ModelReference.Build(selected.Values, selected.Width, predictions, names, source);
        Write(modelPath, reference);
        return reference;
    }

    /// <summary>
    /// <c>hft models sketch</c>: replays <paramref name="files"/> (none = <paramref name="simulator"/>) into sample rows
    /// exactly as the model's training did (its feature profile and sampling clock, from its metadata), then
    /// <see cref="Add"/>s the reference to the file. Returns the reference and the data's description.
    /// </summary>
    public static (ModelReference Reference, string Description) FromData(string modelPath, IReadOnlyList<string> files, Simulator.SimulatorOptions simulator,
        string? symbol, ReplayMarket? market, Action<string>? log = null)
    {
        var metadata = EvaluationJob.ReadMetadata(modelPath);
        var contract = EvaluationJob.DirectionContractOf(modelPath);
        long interval = contract.SampleIntervalNs ?? 250_000_000;
        var data = ReplayDataset.Build(files, simulator, interval, symbol, market, log, metadata.FeatureOptions());
        if (data.Samples.Rows == 0) throw new InvalidDataException(data.NoSamplesMessage);
        string description = FormattableString.Invariant($"{data.Description}; symbol {data.Symbol}; {data.Samples.Rows} rows every {interval / 1e9} s (hft models sketch)");
        return (Add(modelPath, data.Schema, data.Samples, description), description);
    }

    /// <summary>
    /// Replaces the reference in the metadata of the model at <paramref name="modelPath"/> (atomically): the one key
    /// <see cref="ModelReference.Key"/> changes, every other entry and the graph stay as they were.
    /// </summary>
    /// <exception cref="ModelMetadataException">The file has no valid <c>hft.*</c> metadata, or the reference does not fit its features.</exception>
    public static void Write(string modelPath, ModelReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ModelProto proto;
        using (var fs = File.OpenRead(modelPath)) proto = ModelProto.Parser.ParseFrom(fs);
        for (int i = proto.MetadataProps.Count - 1; i >= 0; i--)
            if (proto.MetadataProps[i].Key == ModelReference.Key) proto.MetadataProps.RemoveAt(i);
        proto.MetadataProps.Add(new StringStringEntryProto { Key = ModelReference.Key, Value = reference.ToJson() });
        // Parses the result as a loader will: the reference must fit the model's features.
        _ = ModelMetadata.Parse(proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        OnnxModelFile.Write(proto, modelPath);
    }

    private static int[] Spaced(int n, int max)
    {
        if (n <= max) return [.. Enumerable.Range(0, n)];
        var rows = new int[max];
        for (int i = 0; i < max; i++) rows[i] = (int)((long)i * n / max);
        return rows;
    }
}
