using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A served model that emits NaN, through the CLI: no order comes from its outputs (every decision is the fallback's,
/// so the run's digest is the <c>--no-model</c> run's and stable), the failure is a log line and a counter
/// (<c>inferenceFailedRows</c>), and the summary and the <c>--baselines</c> model row say the model decided nothing. It
/// had been a log line only: the JSON named the model as served, with nothing to tell its figures were the fallback's.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayNanModelTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Nan() => NanModels.Poison(BundledModels.File("default.onnx"), Path.Combine(_dir, "nan.onnx"));

    private static JsonObject Json(params string[] args)
    {
        var run = Hft.Run([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("NaN", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", run.Stdout, StringComparison.Ordinal);
        return run.SingleJson();
    }

    [Fact]
    public void A_model_emitting_NaN_places_no_order_of_its_own_and_is_counted_and_logged()
    {
        string nan = Nan();

        var first = Hft.Run("replay", "--sim-minutes", "2", "--model", nan, "--json");
        var o = first.SingleJson();
        var again = Json("replay", "--sim-minutes", "2", "--model", nan);
        var none = Json("replay", "--sim-minutes", "2", "--no-model");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("non-finite output (NaN/Inf)", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("the model decided nothing in this run", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (long)o["modelSignals"]!);
        Assert.Equal(0, (long)o["inferenceRows"]!); // rows the model answered
        Assert.Equal((long)o["decisions"]!, (long)o["inferenceFailedRows"]!);
        Assert.Equal(0, (long)o["inferenceNoModelRows"]!);
        Assert.Equal((string?)none["digest"], (string?)o["digest"]); // every decision the fallback's: no order from a NaN
        Assert.Equal((string?)o["digest"], (string?)again["digest"]);
        Assert.Equal(0, (long)none["inferenceFailedRows"]!);
    }

    [Fact]
    public void The_baselines_model_row_says_the_model_decided_nothing()
    {
        var o = Json("replay", "--sim-minutes", "2", "--model", Nan(), "--baselines");

        var rows = o["baselines"]!["strategies"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["strategy"]!);
        Assert.Contains("the model decided nothing in this run", (string?)rows["model"]["description"], StringComparison.Ordinal);
        Assert.Equal((string?)rows["fallback"]["digest"], (string?)rows["model"]["digest"]);
        Assert.Equal((double)rows["fallback"]["netPnl"]!, (double)rows["model"]["netPnl"]!);
    }

    [Fact]
    public void The_text_summary_says_the_model_failed()
    {
        var run = Hft.Run("replay", "--sim-minutes", "2", "--model", Nan());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("the model failed on", run.Stdout, StringComparison.Ordinal);
    }
}
