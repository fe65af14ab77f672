using System.Text.RegularExpressions;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A corrupt model dropped into <c>replay --models-dir</c> while it runs is refused with a log line and the served model
/// keeps serving; the run's <c>--json</c> says so too (<c>model.modelsRefused</c>, <c>model.refusedBy</c>): it had been a
/// log line only, so the summary of a run given a model it never served looked like any other.
/// </summary>
public sealed partial class ReplayModelsDirRefusalTests : IDisposable
{
    // events > 0: a stop before the first event is "cancelled", with no summary
    [GeneratedRegex(@"^replay: \d+\.\d %  [1-9][\d,]* events  ", RegexOptions.Multiline)]
    private static partial Regex Heartbeat();

    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_corrupt_model_dropped_mid_run_is_refused_counted_and_the_served_model_stays()
    {
        string models = Path.Combine(_dir, "models");
        Directory.CreateDirectory(models);
        foreach (var f in new[] { "default.onnx", "default.return.onnx" }) File.Copy(BundledModels.File(f), Path.Combine(models, f));
        using var hft = new HftProcess(new Dictionary<string, string> { ["HFT_PROGRESS_SECONDS"] = "0.2", ["HFT_PROGRESS"] = "lines" }, "replay", "--sim-minutes", "1440", "--models-dir", models, "--json");
        hft.WaitForStderr(e => e.Contains("Watching ", StringComparison.Ordinal));

        byte[] model = File.ReadAllBytes(Path.Combine(models, "default.onnx"));
        File.WriteAllBytes(Path.Combine(_dir, "cut.onnx"), model.AsSpan(0, model.Length / 3).ToArray());
        File.Move(Path.Combine(_dir, "cut.onnx"), Path.Combine(models, "cut.onnx")); // dropped whole, as a deploy does
        hft.WaitForStderr(e => e.Contains("Model refused (Unreadable)", StringComparison.Ordinal));
        hft.WaitForStderr(e => Heartbeat().IsMatch(e)); // events flow: a stop now prints the summary
        hft.Signal("INT");
        int exit = hft.WaitForExit();

        Assert.True(exit == 130, $"exit {exit}\n{hft}");
        var o = new HftRun(["replay"], exit, hft.Stdout, hft.Stderr).SingleJson();
        var served = o["model"]!.AsObject();
        Assert.Equal("default", (string?)served["name"]);
        Assert.Equal(1, (long)served["modelsRefused"]!);
        Assert.Equal(1, (long)served["refusedBy"]!["unreadable"]!);
        Assert.Equal(1, (long)served["swaps"]!); // the start-up load only
    }
}
