using HftScalper.Features.Schema;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using Microsoft.Extensions.Logging;

namespace HftScalper.Inference.Tests;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly ModelFixtures _fx = new();
    private readonly FeatureSchema _schema = ModelFixtures.Schema(4);

    public void Dispose() => _fx.Dispose();

    private string SaveMlp(FeatureSchema trainedOn, string name = "model.onnx", ModelMetadata? md = null) =>
        _fx.Save(MlpModelBuilder.Build(RandomModels.Mlp(new Random(7), trainedOn.Count, 5, 3), OutputActivation.Softmax),
            md ?? ModelFixtures.Metadata(trainedOn, 3), name);

    [Fact]
    public void Loads_a_matching_model_and_reports_its_metadata()
    {
        using var session = _fx.Load(SaveMlp(_schema), _schema);

        Assert.Equal("test-model", session.Metadata.Name);
        Assert.Equal(4, session.RowLength);
        Assert.Equal(3, session.OutputWidth);
        Assert.Equal(ExecutionProviderKind.Cpu, session.ExecutionProvider);
    }

    [Fact]
    public void Refuses_a_model_trained_on_other_features_naming_the_difference()
    {
        var trainedOn = new FeatureSchema(1, [new("f00", "unit"), new("f01", "unit"), new("f02", "unit"), new("spread_bps", "bps")]);
        var path = SaveMlp(trainedOn);

        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(path, _schema));

        Assert.Contains("feature schema", e.Message);
        Assert.Contains("model lacks [f03]", e.Message);
        Assert.Contains("model has unknown [spread_bps]", e.Message);
    }

    [Fact]
    public void Refuses_a_model_whose_schema_differs_only_in_version_saying_so()
    {
        var path = SaveMlp(ModelFixtures.Schema(4, version: 2));

        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(path, _schema));

        Assert.Contains("same feature names in the same order", e.Message);
    }

    [Fact]
    public void Refuses_a_truncated_file_with_a_clear_message()
    {
        var good = SaveMlp(_schema);
        var bytes = File.ReadAllBytes(good);
        var path = Path.Combine(_fx.Dir, "truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(path, _schema));

        Assert.Contains("truncated.onnx", e.Message);
        Assert.Contains("not an ONNX model or truncated", e.Message);
    }

    [Theory]
    [InlineData("this is a CSV file\n1,2,3\n")]
    [InlineData("")]
    public void Refuses_a_file_that_is_not_onnx(string content)
    {
        var path = Path.Combine(_fx.Dir, "notes.onnx");
        File.WriteAllText(path, content);

        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(path, _schema));

        Assert.Contains("notes.onnx", e.Message);
    }

    [Fact]
    public void Refuses_a_missing_file()
    {
        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(Path.Combine(_fx.Dir, "absent.onnx"), _schema));

        Assert.Contains("cannot read", e.Message);
    }

    [Fact]
    public void Refuses_an_onnx_model_without_our_metadata()
    {
        var path = Path.Combine(_fx.Dir, "foreign.onnx");
        using (var fs = File.Create(path))
            Google.Protobuf.MessageExtensions.WriteTo(MlpModelBuilder.Build(RandomModels.Mlp(new Random(8), 4, 3), OutputActivation.None), fs);

        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(path, _schema));

        Assert.Contains("no HftScalper metadata", e.Message);
    }

    [Fact]
    public void Refuses_a_model_whose_outputs_disagree_with_its_metadata()
    {
        var md = ModelFixtures.Metadata(_schema, 2);
        var path = SaveMlp(_schema, md: md);

        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(path, _schema));

        Assert.Contains("must be float [batch,2]", e.Message);
    }

    [Fact]
    public void TryLoad_returns_false_and_logs_the_reason()
    {
        var path = Path.Combine(_fx.Dir, "garbage.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        var loader = new ModelLoader(_schema, ServingOptions.CpuOnly(), _fx.Logger);

        bool ok = loader.TryLoad(path, out var session, out var error);

        Assert.False(ok);
        Assert.Null(session);
        Assert.Contains("garbage.onnx", error);
        Assert.Contains(_fx.Logger.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("garbage.onnx"));
    }
}
