using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Tests.Support;

/// <summary>Schemas, metadata and model files in a temporary folder deleted on dispose.</summary>
public sealed class ModelFixtures : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("hft-onnx-tests-").FullName;

    public ListLogger Logger { get; } = new();

    public static FeatureSchema Schema(int features, int version = 1) =>
        new(version, Enumerable.Range(0, features).Select(i => new FeatureDefinition($"f{i:D2}", "unit")));

    public static ModelMetadata Metadata(FeatureSchema schema, int outputs, ModelOutputKind kind = ModelOutputKind.Classification,
        ModelInputKind input = ModelInputKind.Tabular, int steps = 1, string outputTensor = OnnxGraph.ScoresName) =>
        new(
            Name: "test-model", Version: "1.2.3", SchemaHash: schema.Hash,
            FeatureNames: [.. schema.Features.Select(f => f.Name)],
            InputKind: input, SequenceLength: steps, OutputKind: kind,
            OutputNames: [.. Enumerable.Range(0, outputs).Select(i => $"out{i}")],
            OutputTensor: outputTensor, Horizon: TimeSpan.FromSeconds(10),
            TrainFrom: new DateTimeOffset(2024, 8, 8, 0, 0, 0, TimeSpan.Zero), TrainTo: new DateTimeOffset(2024, 8, 9, 0, 0, 0, TimeSpan.Zero),
            ValidationMetricsJson: """{"accuracy":0.54,"logloss":0.69}""",
            CreatedUtc: new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
            DataDescription: "BTCUSDT spot, 2 days, mid-price direction 10 s");

    public string Save(ModelProto model, ModelMetadata metadata, string name = "model.onnx")
    {
        var path = Path.Combine(Dir, name);
        OnnxModelFile.Save(model, metadata, path);
        return path;
    }

    /// <summary>Loads for <paramref name="role"/> (default: no role, the declared output as is, for serving mechanics).</summary>
    public ModelSession Load(string path, FeatureSchema schema, int maxBatch = 8, ServingOptions? options = null, ModelRole role = ModelRole.Outputs) =>
        new ModelLoader(schema, options ?? ServingOptions.CpuOnly(maxBatch), Logger).Load(path, role);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
