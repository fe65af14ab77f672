using HftScalper.Training;

namespace HftScalper.Cli.Tests;

/// <summary>
/// The Native AOT serving build turns training off with the feature switch <see cref="TrainingFeature.SwitchName"/>
/// (bench/README, <c>scripts/publish.sh --aot</c>): <c>hft train</c> and <c>--adapt</c> then refuse with one line and
/// exit code 2, before any work, and the serving verbs run as before. The switch is read at run time in a JIT build, so
/// these tests set it in-process (the console collection runs one test at a time, so no other run sees it).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainingSwitchTests
{
    private static HftRun WithoutTraining(params string[] args)
    {
        AppContext.SetSwitch(TrainingFeature.SwitchName, false);
        try { return Hft.Run(args); }
        finally { AppContext.SetSwitch(TrainingFeature.SwitchName, true); }
    }

    [Fact]
    public void Train_refuses_with_exit_2_and_says_which_build_trains()
    {
        var dir = Hft.TempDir();
        var run = WithoutTraining("train", "--sim-minutes", "1", "--out", Path.Combine(dir, "m.onnx"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = run.SingleJson()["error"]!.AsObject();
        Assert.Equal("input", (string?)error["code"]);
        Assert.Contains("hft train trains models", (string?)error["message"], StringComparison.Ordinal);
        Assert.Contains("JIT build", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir)); // refused before any work
    }

    [Fact]
    public void Replay_with_adapt_refuses_with_exit_2()
    {
        var run = WithoutTraining("replay", "--sim-minutes", "0.2", "--adapt", "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("hft replay: error: --adapt trains models", run.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_serves_the_bundled_model_without_training()
    {
        var run = WithoutTraining("replay", "--sim-minutes", "0.5", "--json", "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("onnx", (string?)run.SingleJson()["model"]!["kind"]);
    }

    [Fact]
    public void Training_is_on_unless_the_build_turns_it_off() => Assert.True(TrainingFeature.IsSupported);
}
