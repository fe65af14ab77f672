using System.Text.Json.Nodes;
using Google.Protobuf;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Cli.Tests;

/// <summary><c>hft train --warm-start BASE.onnx</c>: fine-tunes the bundled default on simulated data and serves the result;
/// refuses a base trained on another feature list, and options that would change what the base fixes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainWarmStartTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Fine_tunes_the_bundled_default_into_a_model_that_evaluate_serves_beside_it()
    {
        var run = Hft.Run("train", "--warm-start", BundledModels.File("default.onnx"), "--sim-minutes", "2", "--out", In("w.onnx"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        var warm = o["warmStart"]!.AsObject();
        Assert.Equal("default.onnx", (string?)warm["base"]);
        Assert.Equal("two-stage", (string?)warm["form"]);
        Assert.True((int)warm["baseTrees"]! > 0);
        Assert.Equal(2, warm["heads"]!.AsArray().Count);
        Assert.NotNull(o["outOfSample"]);
        Assert.NotNull(warm["baseOutOfSample"]);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(In("w.onnx")));
        var baseModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(BundledModels.File("default.onnx")));
        Assert.Equal(baseModel.Graph.Node.Select(n => n.OpType), model.Graph.Node.Select(n => n.OpType));
        Assert.Contains(model.MetadataProps, p => p.Key == "hft.move_prior");
        Assert.Contains(model.MetadataProps, p => p.Key == "hft.reference");

        var eval = Hft.Run("evaluate", "--compare", BundledModels.File("default.onnx"), In("w.onnx"), "--sim-minutes", "2", "--seed", "3", "--json");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Equal(2, eval.SingleJson()["models"]!.AsArray().Count);
    }

    [Fact]
    public void A_base_model_trained_on_another_feature_list_is_refused_with_the_column_that_differs()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(BundledModels.File("default.onnx")));
        var names = model.MetadataProps.Single(p => p.Key == "hft.feature_names");
        var list = JsonNode.Parse(names.Value)!.AsArray();
        string first = (string)list[0]!;
        list[0] = "renamed_column";
        names.Value = list.ToJsonString();
        File.WriteAllBytes(In("other.onnx"), model.ToByteArray());

        ContractAssert.InputError(["train", "--warm-start", In("other.onnx"), "--sim-minutes", "1", "--out", In("w.onnx")],
            $"was trained on another feature list than this data's (column 0 is 'renamed_column' in the model, '{first}' in the data)");
        Assert.False(File.Exists(In("w.onnx")));
    }

    [Fact]
    public void Options_the_base_model_fixes_are_refused_with_it()
    {
        ContractAssert.InputError(["train", "--warm-start", BundledModels.File("default.onnx"), "--form", "one-vs-rest", "--out", In("w.onnx")],
            "--form cannot be given with it");
        ContractAssert.InputError(["train", "--warm-start", BundledModels.File("default.onnx"), "--horizon", "10s", "--out", In("w.onnx")],
            "--horizon cannot be given with it");
    }
}
