using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Tests;

public sealed class ModelReferenceTests : IDisposable
{
    private readonly ModelFixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    // Four columns: normal, a mass point at zero (70 %), NaN in 10 % of the rows, a constant.
    private static ModelReference Reference(int rows = 5_000)
    {
        var r = new Random(3);
        var values = new float[rows * 4];
        var predictions = new float[rows * 3];
        for (int i = 0; i < rows; i++)
        {
            values[i * 4] = (float)(r.NextDouble() * 2 - 1);
            values[i * 4 + 1] = r.NextDouble() < 0.7 ? 0f : (float)r.NextDouble();
            values[i * 4 + 2] = r.NextDouble() < 0.1 ? float.NaN : (float)r.NextDouble();
            values[i * 4 + 3] = 5f;
            float up = (float)r.NextDouble() * 0.5f;
            predictions[i * 3] = 0.5f - up / 2;
            predictions[i * 3 + 1] = 0.5f - up / 2;
            predictions[i * 3 + 2] = up;
        }
        return ModelReference.Build(values, 4, predictions, ["down", "flat", "up"], "unit test rows");
    }

    [Fact]
    public void Sketches_are_deciles_with_mass_points_merged_and_the_NaN_share_apart()
    {
        var reference = Reference();
        Assert.Equal(5_000, reference.Rows);
        Assert.Equal(9, reference.Features[0].Cuts.Length);
        Assert.All(reference.Features[0].Shares, s => Assert.InRange(s, 0.09, 0.11));
        Assert.Equal(0f, reference.Features[1].Cuts[0]); // the six cuts inside the mass point are one
        Assert.InRange(reference.Features[1].Shares[0], 0.69, 0.71);
        Assert.InRange(reference.Features[2].NanShare, 0.08, 0.12);
        Assert.Empty(reference.Features[3].Cuts);
        Assert.Equal([1.0], reference.Features[3].Shares);
        Assert.InRange(reference.PredictionMeans[2], 0.24, 0.26);
    }

    [Fact]
    public void A_reference_written_to_onnx_reads_back_equal_from_the_ORT_session_in_a_few_hundred_bytes_a_feature()
    {
        var schema = ModelFixtures.Schema(4);
        var reference = Reference();
        var md = ModelFixtures.Metadata(schema, 3) with { OutputNames = ["down", "flat", "up"], Reference = reference };
        var path = _fx.Save(MlpModelBuilder.Build(RandomModels.Mlp(new Random(5), 4, 3), OutputActivation.Softmax), md);

        using var session = new InferenceSession(path);
        var map = session.ModelMetadata.CustomMetadataMap;
        var read = ModelMetadata.Parse(map).Reference;

        Assert.NotNull(read);
        Assert.Equal(reference.Rows, read.Rows);
        Assert.Equal("unit test rows", read.Source);
        for (int f = 0; f < 4; f++)
        {
            Assert.Equal(reference.Features[f].Cuts, read.Features[f].Cuts);
            Assert.Equal(reference.Features[f].Shares, read.Features[f].Shares);
            Assert.Equal(Math.Round(reference.Features[f].NanShare, 5), read.Features[f].NanShare);
        }
        Assert.Equal(["down", "flat", "up"], read.PredictionNames);
        Assert.Equal(reference.PredictionMeans, read.PredictionMeans);
        Assert.Equal(reference.Predictions[2].Cuts, read.Predictions[2].Cuts);
        Assert.InRange(map[ModelReference.Key].Length, 100, 7 * 250); // 7 sketched columns
    }

    [Fact]
    public void A_model_without_a_reference_loads_with_none()
    {
        var md = ModelFixtures.Metadata(ModelFixtures.Schema(4), 3);
        var read = ModelMetadata.Parse(md.ToProperties());
        Assert.Null(read.Reference);
        Assert.False(md.ToProperties().ContainsKey(ModelReference.Key));
    }

    [Fact]
    public void A_reference_of_a_newer_format_is_ignored_and_a_malformed_one_refused()
    {
        var props = new Dictionary<string, string>(ModelFixtures.Metadata(ModelFixtures.Schema(4), 3).ToProperties())
        {
            [ModelReference.Key] = """{"version":99,"whatever":true}""",
        };
        Assert.Null(ModelMetadata.Parse(props).Reference);

        props[ModelReference.Key] = """{"version":1,"rows":3}""";
        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));
        Assert.Contains(ModelReference.Key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_of_other_features_is_refused()
    {
        var md = ModelFixtures.Metadata(ModelFixtures.Schema(5), 3) with { Reference = Reference() };
        var e = Assert.Throws<ModelMetadataException>(md.Validate);
        Assert.Contains("reference sketches 4 features", e.Message, StringComparison.Ordinal);
    }
}
