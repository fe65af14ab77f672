using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Export;
using Google.Protobuf;
using HftScalper.Tests.Shared;

namespace HftScalper.Training.Tests;

/// <summary><c>hft models sketch</c> on the bundled model: a reference is added, and nothing that decides changes.</summary>
public sealed class ReferenceStampTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-reference-stamp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sketching_the_bundled_model_adds_a_reference_and_leaves_its_graph_and_outputs_unchanged()
    {
        var bundled = Path.Combine(TestData.RepoRoot, "models", "default.onnx");
        var copy = Path.Combine(_dir, "default.onnx");
        // The bundled model is trained with a reference (hft train writes one); start from it without, so the sketch
        // is what adds it.
        var bundledProto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(bundled));
        var stale = bundledProto.MetadataProps.Where(p => p.Key == ModelReference.Key).ToList();
        foreach (var p in stale) bundledProto.MetadataProps.Remove(p);
        File.WriteAllBytes(copy, bundledProto.ToByteArray());
        var before = ModelProto.Parser.ParseFrom(File.ReadAllBytes(copy));
        Assert.DoesNotContain(before.MetadataProps, p => p.Key == ModelReference.Key);

        var sim = SimulatorOptions.Training with { Duration = TimeSpan.FromMinutes(2) };
        var (reference, description) = ReferenceStamp.FromData(copy, [], sim, "all", null);

        var after = ModelProto.Parser.ParseFrom(File.ReadAllBytes(copy));
        Assert.Equal(before.Graph.ToByteArray(), after.Graph.ToByteArray());
        var others = before.MetadataProps.Select(p => (p.Key, p.Value)).ToList();
        Assert.Equal(others, after.MetadataProps.Where(p => p.Key != ModelReference.Key).Select(p => (p.Key, p.Value)).ToList());
        var read = EvaluationJob.ReadMetadata(copy).Reference!;
        Assert.Equal(FeatureEngine.DefaultSchema.Count, read.Features.Count);
        Assert.Equal(reference.Rows, read.Rows);
        Assert.Contains("hft models sketch", description, StringComparison.Ordinal);

        // Same rows, same scores from both files.
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000,
            features: EvaluationJob.ReadMetadata(bundled).FeatureOptions());
        var rows = Enumerable.Range(0, data.Samples.Rows).ToArray();
        var original = OnnxScorer.Score(bundled, FeatureEngine.DefaultSchema, data.Samples, rows, ModelRole.Direction, out _);
        var sketched = OnnxScorer.Score(copy, FeatureEngine.DefaultSchema, data.Samples, rows, ModelRole.Direction, out _);
        Assert.True(rows.Length > 100);
        Assert.Equal(original, sketched);
    }
}
