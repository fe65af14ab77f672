using HftScalper.Cli.Commands;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary><c>hft train --until</c> (and <c>evaluate --from</c>): a span named as in a config (<c>risk.entriesFromNs</c>) or
/// as ISO 8601, and a model trained on a recording's first part that has read nothing of the rest (#17).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainUntilTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_time_is_read_as_ns_since_the_epoch_or_as_iso_8601_and_anything_else_is_refused()
    {
        Assert.Equal(1723161428240000000, TrainCommandArgs.ParseTimeNs("--until", "1723161428240000000"));
        Assert.Equal(1723161428240000000, TrainCommandArgs.ParseTimeNs("--until", "2024-08-08T23:57:08.24Z"));
        Assert.Equal(1723161428240000000, TrainCommandArgs.ParseTimeNs("--until", "2024-08-08T23:57:08.24")); // UTC unless said
        Assert.Equal(1723161428240000000, TrainCommandArgs.ParseTimeNs("--until", "2024-08-09T01:57:08.24+02:00"));
        foreach (var bad in new[] { "", "soon", "0", "-5", "99999999999999999999", "1970-01-01T00:00:00Z" })
            Assert.Contains("--until", Assert.Throws<ArgumentException>(() => TrainCommandArgs.ParseTimeNs("--until", bad)).Message, StringComparison.Ordinal);
    }

    [RequiresDataFact]
    public void Training_until_the_first_halfs_end_reads_nothing_after_it_and_says_so_in_the_models_labelling()
    {
        string model = Path.Combine(_dir, "first-half.onnx");
        var run = Hft.Run(["train", TestData.BinanceSpotBtcusdt[0], "--until", "1723161428240000000", "--budget", "0", "--folds", "2", "--out", model, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(1723161428240000000, (long)o["labelling"]!["untilNs"]!);
        Assert.True((long)o["decisionsAfterUntil"]! > 10_000, $"{o["decisionsAfterUntil"]} decisions after --until");
        var whole = Hft.Run(["train", TestData.BinanceSpotBtcusdt[0], "--budget", "0", "--folds", "2", "--out", Path.Combine(_dir, "whole.onnx"), "--json"]);
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Equal(0, (long)whole.SingleJson()["decisionsAfterUntil"]!);
        Assert.True((int)o["samples"]! < (int)whole.SingleJson()["samples"]! * 0.7, $"{o["samples"]} samples until the cut, {whole.SingleJson()["samples"]} in all");
    }

    [RequiresDataFact]
    public void A_searched_candidate_too_coarse_for_two_minutes_of_data_is_skipped_not_a_crash()
    {
        // 452 samples (08-08 until 23:56:08): the search's third candidate grew a tree with no split, which ML.NET cannot
        // read back, and the run ended with "error: Value cannot be null".
        var run = Hft.Run(["train", TestData.BinanceSpotBtcusdt[0], "--until", "1723161368240000000", "--out", Path.Combine(_dir, "two-minutes.onnx"), "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var search = run.SingleJson()["search"]!.AsArray();
        Assert.Equal(4, search.Count);
        Assert.Contains(search, c => c!["walkForwardLogLoss"] is null);
        Assert.NotNull(search[0]!["walkForwardLogLoss"]); // the best is one that trained
        Assert.Contains("skipped: LightGBM grew a tree with no split", run.Stderr, StringComparison.Ordinal);
    }
}
