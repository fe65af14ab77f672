namespace HftScalper.Cli.Tests;

/// <summary>
/// What <c>replay --models-dir</c> serves at start follows the rules of a drop: a model file in the folder is validated
/// (a refused one is logged and counted), a folder whose model files are all refused refuses the run as <c>--model</c>
/// with a bad file does (exit 2), and an empty folder is no error. A corrupt model alone in the folder had not been
/// validated at all: the run served the fallback, counted no refusal and exited 0.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayModelsDirStartTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Models(params (string Name, byte[] Bytes)[] files)
    {
        string models = Path.Combine(_dir, "models");
        Directory.CreateDirectory(models);
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(models, name), bytes);
        return models;
    }

    private static byte[] Cut()
    {
        byte[] model = File.ReadAllBytes(BundledModels.File("default.onnx"));
        return model.AsSpan(0, model.Length / 3).ToArray();
    }

    [Fact]
    public void A_corrupt_model_alone_in_the_folder_is_refused_with_its_reason_and_the_run_exits_2()
    {
        string models = Models(("corrupt.onnx", Cut()));

        var run = Hft.Run("replay", "--sim-minutes", "1", "--models-dir", models);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Model refused (Unreadable)", run.Stderr, StringComparison.Ordinal); // the lifecycle's log line
        Assert.Contains("no model in the folder can serve (corrupt.onnx refused (Unreadable)", run.Stderr, StringComparison.Ordinal);
        ContractAssert.InputError(["replay", "--sim-minutes", "1", "--models-dir", models], "corrupt.onnx refused (Unreadable)");
    }

    [Fact]
    public void A_corrupt_default_model_refuses_the_run_too()
    {
        string models = Models(("default.onnx", Cut()));

        ContractAssert.InputError(["replay", "--sim-minutes", "1", "--models-dir", models], "default.onnx refused (Unreadable)");
    }

    [Fact]
    public void A_valid_model_alone_in_the_folder_serves_and_a_newer_corrupt_one_is_counted()
    {
        string models = Models(("mine.onnx", File.ReadAllBytes(BundledModels.File("default.onnx"))), ("newer.onnx", Cut()));
        File.SetLastWriteTimeUtc(Path.Combine(models, "mine.onnx"), DateTime.UtcNow.AddMinutes(-5)); // newer.onnx is tried first

        var run = Hft.Run("replay", "--sim-minutes", "1", "--models-dir", models, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var model = run.SingleJson()["model"]!.AsObject();
        Assert.NotEqual("fallback", (string?)model["kind"]);
        Assert.EndsWith("mine.onnx", (string?)model["path"], StringComparison.Ordinal);
        Assert.Equal(1, (long)model["swaps"]!);
        Assert.Equal(1, (long)model["modelsRefused"]!);
        Assert.Equal(1, (long)model["refusedBy"]!["unreadable"]!);
    }

    [Fact]
    public void An_empty_folder_is_no_error_the_fallback_decides_until_a_drop()
    {
        string models = Models();

        var run = Hft.Run("replay", "--sim-minutes", "1", "--models-dir", models, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var model = run.SingleJson()["model"]!.AsObject();
        Assert.Equal("fallback", (string?)model["kind"]);
        Assert.Equal(0, (long)model["modelsRefused"]!);
    }
}
