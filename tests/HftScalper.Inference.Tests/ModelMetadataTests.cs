using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Tests;

public sealed class ModelMetadataTests : IDisposable
{
    private readonly ModelFixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Metadata_written_to_onnx_reads_back_equal_from_the_ORT_session()
    {
        var schema = ModelFixtures.Schema(4);
        var md = ModelFixtures.Metadata(schema, 3, input: ModelInputKind.Sequence, steps: 16) with { OutputNames = ["down", "flat", "up"] };
        var path = _fx.Save(MlpModelBuilder.Build(RandomModels.Mlp(new Random(5), 64, 3), OutputActivation.Softmax), md);

        using var session = new InferenceSession(path);
        var read = ModelMetadata.Parse(session.ModelMetadata.CustomMetadataMap);

        Assert.Equal(md.Name, read.Name);
        Assert.Equal(md.Version, read.Version);
        Assert.Equal(schema.Hash, read.SchemaHash);
        Assert.Equal(md.FeatureNames, read.FeatureNames);
        Assert.Equal(ModelInputKind.Sequence, read.InputKind);
        Assert.Equal(16, read.SequenceLength);
        Assert.Equal(ModelOutputKind.Classification, read.OutputKind);
        Assert.Equal(["down", "flat", "up"], read.OutputNames);
        Assert.Equal(md.OutputTensor, read.OutputTensor);
        Assert.Equal(TimeSpan.FromSeconds(10), read.Horizon);
        Assert.Equal(md.TrainFrom, read.TrainFrom);
        Assert.Equal(md.TrainTo, read.TrainTo);
        Assert.Equal(md.ValidationMetricsJson, read.ValidationMetricsJson);
        Assert.Equal(md.CreatedUtc, read.CreatedUtc);
        Assert.Equal(md.DataDescription, read.DataDescription);
    }

    [Fact]
    public void Saving_twice_replaces_metadata_instead_of_duplicating_keys()
    {
        var schema = ModelFixtures.Schema(3);
        var model = MlpModelBuilder.Build(RandomModels.Mlp(new Random(6), 3, 2), OutputActivation.None);
        var md = ModelFixtures.Metadata(schema, 2);

        OnnxModelFile.SetMetadata(model, md);
        OnnxModelFile.SetMetadata(model, md with { Version = "2.0" });

        Assert.Equal(model.MetadataProps.Count, model.MetadataProps.Select(p => p.Key).Distinct().Count());
        Assert.Equal("2.0", model.MetadataProps.Single(p => p.Key == "hft.version").Value);
    }

    [Fact]
    public void Parse_names_every_missing_key()
    {
        var props = new Dictionary<string, string>(ModelFixtures.Metadata(ModelFixtures.Schema(2), 2).ToProperties());
        props.Remove("hft.horizon_ms");
        props.Remove("hft.output_tensor");

        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));

        Assert.Contains("hft.horizon_ms", e.Message);
        Assert.Contains("hft.output_tensor", e.Message);
    }

    [Fact]
    public void Parse_names_malformed_values()
    {
        var props = new Dictionary<string, string>(ModelFixtures.Metadata(ModelFixtures.Schema(2), 2).ToProperties())
        {
            ["hft.input_kind"] = "image",
            ["hft.feature_names"] = "f00,f01",
        };

        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));

        Assert.Contains("hft.input_kind", e.Message);
        Assert.Contains("hft.feature_names", e.Message);
    }

    [Fact]
    public void Validation_metrics_must_be_a_json_object()
    {
        var md = ModelFixtures.Metadata(ModelFixtures.Schema(2), 2) with { ValidationMetricsJson = "accuracy=0.5" };

        var e = Assert.Throws<ModelMetadataException>(() => md.ToProperties());

        Assert.Contains("validation metrics", e.Message);
    }

    [Fact]
    public void Tabular_metadata_with_a_sequence_length_is_refused()
    {
        var md = ModelFixtures.Metadata(ModelFixtures.Schema(2), 2) with { SequenceLength = 8 };

        Assert.Throws<ModelMetadataException>(md.Validate);
    }
}
