using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary><c>hft train --features</c>: a model that may split on the listed columns only, which says so in its
/// metadata, in <c>train --json</c> and in <c>models list</c>; an unknown name and the combinations it cannot honour are
/// refused before any replay (#17).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainFeaturesTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [Fact]
    public void A_listed_training_reports_its_columns_in_train_json_and_models_list()
    {
        var run = Hft.Run("train", "--features", "tick_run,scale-free", "--sim-minutes", "3", "--budget", "0", "--folds", "2", "--out", In("m.onnx"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var trained = run.SingleJson()["trainedFeatures"]!.AsArray().Select(n => (string)n!).ToArray();
        Assert.Equal(11, trained.Length);
        Assert.Equal("spread_rel", trained[0]); // schema order, not the order given
        Assert.Contains("trade_imbalance_slow", trained);
        var listed = Hft.Run("models", "list", "--dir", _dir, "--json").SingleJson()["files"]!.AsArray();
        Assert.Equal(2, listed.Count); // the direction model and its return regressor
        Assert.All(listed, f => Assert.Equal(trained, f!["trainedFeatures"]!.AsArray().Select(n => (string)n!)));
    }

    [Fact]
    public void An_unknown_name_is_refused_naming_it()
    {
        ContractAssert.InputError(["train", "--features", "imbalance_1,imbalance_one", "--sim-minutes", "1", "--out", In("u.onnx")],
            "--features: unknown feature name [imbalance_one]");
        Assert.False(File.Exists(In("u.onnx")));
    }

    [Fact]
    public void Combinations_it_cannot_honour_are_refused_saying_why()
    {
        ContractAssert.InputError(["train", "--features", "imbalance_1", "--warm-start", BundledModels.File("default.onnx"), "--sim-minutes", "1", "--out", In("w.onnx")],
            "--features with --warm-start: the base model's trees may already split on columns the list leaves out");
        ContractAssert.InputError(["train", "--features", "imbalance_1", "--family", "lstm", "--sim-minutes", "1", "--out", In("l.onnx")],
            "--features trains tree models only");
        ContractAssert.InputError(["train", "--features", "imbalance_1", "--stacked", "--sim-minutes", "1", "--out", In("s.onnx")],
            "--features with --stacked");
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
