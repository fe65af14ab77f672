namespace HftScalper.Cli.Tests;

/// <summary>
/// Well-formed command lines naming files that do not exist: each verb says which file, exits 2, keeps stdout clean
/// (or, with --json, holds exactly one error object), and never shows .NET text.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class InputErrorTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Replay_names_the_missing_recording() =>
        ContractAssert.InputError(["replay", In("none.gz"), "--no-model"], "not found");

    [Fact]
    public void Replay_names_the_missing_config() =>
        ContractAssert.InputError(["replay", "--config", In("none.json"), "--no-model"], "config file not found");

    [Fact]
    public void Replay_names_a_config_key_as_written_without_type_names()
    {
        File.WriteAllText(In("bad.json"), """{ "initialEquity": "lots" }""");
        ContractAssert.InputError(["replay", "--config", In("bad.json"), "--no-model"], "initialEquity = \"lots\" is not a finite number");
    }

    [Fact]
    public void Replay_names_an_unknown_config_key()
    {
        File.WriteAllText(In("bad.json"), """{ "initalEquity": 5 }""");
        ContractAssert.InputError(["replay", "--config", In("bad.json"), "--no-model"], "unknown setting initalEquity");
    }

    [Fact]
    public void Replay_names_an_unknown_nested_config_key_and_lists_the_known_ones_in_order()
    {
        File.WriteAllText(In("bad.json"), """{ "risk": { "kellyFraction": 0.2, "bogus": 1 } }""");
        ContractAssert.InputError(["replay", "--config", In("bad.json"), "--no-model"],
            "unknown setting risk.bogus (known: kellyFraction, maxEquityFraction, kellyPriorTrades, priorPayoffRatio, minPositionLots,");
    }

    [Fact]
    public void Replay_names_the_choices_of_an_enum_config_key()
    {
        File.WriteAllText(In("bad.json"), """{ "queueModel": "Sometimes" }""");
        ContractAssert.InputError(["replay", "--config", In("bad.json"), "--no-model"], "queueModel = \"Sometimes\" is not one of ");
    }

    [Fact]
    public void Book_check_names_the_missing_recording() =>
        ContractAssert.InputError(["book-check", In("none.gz")], "not found");

    [Fact]
    public void Convert_names_the_missing_recording() =>
        ContractAssert.InputError(["convert", In("none.gz"), "--out", In("out")], "not found");

    [Fact]
    public void Features_names_the_missing_recording() =>
        ContractAssert.InputError(["features", In("none.gz"), "--out", In("f.parquet")], "not found");

    [Fact]
    public void Features_names_the_missing_model() =>
        ContractAssert.InputError(["features", "--model", In("none.onnx"), "--out", In("f.parquet")], "not found");

    [Fact]
    public void Evaluate_names_the_missing_model() =>
        ContractAssert.InputError(["evaluate", "--model", In("none.onnx")], "not found");

    [Fact]
    public void Train_names_the_missing_recording() =>
        ContractAssert.InputError(["train", In("none.gz"), "--out", In("m.onnx")], "not found");

    [Fact]
    public void Train_names_the_missing_features_model() =>
        ContractAssert.InputError(["train", "--features-from", In("none.onnx"), "--out", In("m.onnx")], "not found");

    [Fact]
    public void Simulate_names_the_missing_folder() =>
        ContractAssert.InputError(["simulate", "--out", Path.Combine(_dir, "no", "such", "x.gz"), "--sim-minutes", "0.1"], "does not exist");

    [Fact]
    public void Train_refuses_to_overwrite_a_model_without_force()
    {
        File.WriteAllText(In("m.onnx"), "keep me");
        ContractAssert.InputError(["train", "--out", In("m.onnx"), "--sim-minutes", "0.1"], "pass --force to overwrite it");
        Assert.Equal("keep me", File.ReadAllText(In("m.onnx")));
    }

    [Fact]
    public void Train_refuses_to_overwrite_the_return_model_beside_it_without_force()
    {
        File.WriteAllText(In("m.return.onnx"), "keep me");
        ContractAssert.InputError(["train", "--out", In("m.onnx"), "--sim-minutes", "0.1"], "m.return.onnx exists");
        Assert.False(File.Exists(In("m.onnx")));
    }

    [Fact]
    public void Features_says_a_model_file_that_is_not_onnx_is_not_a_model()
    {
        File.WriteAllText(In("junk.onnx"), "this is not a protobuf message at all\n\u0001\u0002\u00ff");
        ContractAssert.InputError(["features", "--model", In("junk.onnx"), "--out", In("f.parquet")], "not an ONNX model");
    }
}
