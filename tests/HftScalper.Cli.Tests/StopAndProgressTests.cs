using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HftScalper.Cli.Tests;

/// <summary>
/// Issue #20's findings as a user meets them in a real process: progress with percent and ETA on stderr when stderr is
/// not a terminal (heartbeat lines), nothing of it on stdout, and Ctrl+C / SIGTERM ending replay, simulate and train
/// with a partial summary and the documented exit code. Each waits for a condition, never for a time.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class StopAndProgressTests
{
    // Heartbeat lines often, so a long run shows one soon; the simulator's default day is long enough never to end first.
    private static readonly Dictionary<string, string> Env = new() { ["HFT_PROGRESS_SECONDS"] = "0.2", ["HFT_PROGRESS"] = "auto" };

    [GeneratedRegex(@"^replay: \d+\.\d %  [\d,]+ events  [\d,]+ ev/s  ETA \d+:\d\d  elapsed \d+:\d\d$", RegexOptions.Multiline)]
    private static partial Regex ReplayHeartbeat();

    [Fact]
    public void Replay_stopped_by_ctrl_c_prints_a_partial_summary_of_the_events_processed_and_exits_130()
    {
        using var hft = new HftProcess(Env, "replay", "--sim-minutes", "1440", "--no-model");
        hft.WaitForStderr(e => ReplayHeartbeat().IsMatch(e));
        hft.Signal("INT");
        int exit = hft.WaitForExit();

        Assert.True(exit == 130, $"exit {exit}\n{hft}");
        var partial = Regex.Match(hft.Stdout, @"^PARTIAL: stopped by Ctrl\+C at (\d+\.\d) % of the input; the figures below cover the ([\d,]+) events processed$", RegexOptions.Multiline);
        Assert.True(partial.Success, hft.ToString());
        Assert.InRange(double.Parse(partial.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 99.9);
        Assert.Contains("digest", hft.Stdout, StringComparison.Ordinal); // the whole summary follows
        Assert.Contains("stopping (Ctrl+C)", hft.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_stopped_by_sigterm_with_json_prints_one_object_marked_partial_and_exits_143()
    {
        using var hft = new HftProcess(Env, "replay", "--sim-minutes", "1440", "--no-model", "--json");
        hft.WaitForStderr(e => ReplayHeartbeat().IsMatch(e));
        hft.Signal("TERM");
        int exit = hft.WaitForExit();

        Assert.True(exit == 143, $"exit {exit}\n{hft}");
        var o = new HftRun(["replay"], exit, hft.Stdout, hft.Stderr).SingleJson(); // progress never reaches stdout
        Assert.True(o["partial"]!.GetValue<bool>());
        Assert.Equal("SIGTERM", o["stoppedBy"]!.GetValue<string>());
        Assert.InRange(o["inputShare"]!.GetValue<double>(), 0, 0.999);
        Assert.True(o["events"]!.GetValue<long>() > 0);
        Assert.True(o["drained"]!.GetValue<bool>());
    }

    [Fact]
    public void Simulate_stopped_by_ctrl_c_closes_a_valid_shorter_recording_and_says_how_much_it_wrote()
    {
        var dir = Hft.TempDir();
        var file = Path.Combine(dir, "sim.gz");
        using var hft = new HftProcess(Env, "simulate", "--sim-minutes", "1440", "--out", file, "--json");
        hft.WaitForStderr(e => Regex.IsMatch(e, @"^simulate: \d+\.\d %  [\d,]+ frames .* ETA ", RegexOptions.Multiline));
        hft.Signal("INT");
        int exit = hft.WaitForExit();

        Assert.True(exit == 130, $"exit {exit}\n{hft}");
        var o = new HftRun(["simulate"], exit, hft.Stdout, hft.Stderr).SingleJson();
        Assert.True(o["partial"]!.GetValue<bool>());
        Assert.InRange(o["simMinutesWritten"]!.GetValue<double>(), 0, 1439);
        // The gzip stream is whole (its trailer written): every line reads back.
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        long lines = 0;
        while (reader.ReadLine() is not null) lines++;
        Assert.Equal(o["frames"]!.GetValue<long>(), lines);
    }

    [Fact]
    public void Train_stopped_by_ctrl_c_writes_no_model_and_says_where_it_stopped()
    {
        var dir = Hft.TempDir();
        var model = Path.Combine(dir, "m.onnx");
        using var hft = new HftProcess(Env, "train", "--sim-minutes", "1440", "--out", model);
        hft.WaitForStderr(e => e.Contains("train: replay (fit the feature profile): ", StringComparison.Ordinal));
        hft.Signal("INT");
        int exit = hft.WaitForExit();

        Assert.True(exit == 130, $"exit {exit}\n{hft}");
        Assert.Contains("PARTIAL: train stopped by Ctrl+C during replay (fit the feature profile) 1/1; no model written", hft.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Train_shows_candidate_and_fold_progress_and_prints_each_fold_line_once()
    {
        var dir = Hft.TempDir();
        var old = (Environment.GetEnvironmentVariable("HFT_PROGRESS"), Environment.GetEnvironmentVariable("HFT_PROGRESS_SECONDS"));
        Environment.SetEnvironmentVariable("HFT_PROGRESS", "lines");
        Environment.SetEnvironmentVariable("HFT_PROGRESS_SECONDS", "600"); // stage lines only: they print as each stage starts
        HftRun run;
        try
        {
            run = Hft.Run("train", "--sim-minutes", "4", "--folds", "2", "--candidates", "2", "--max-iterations", "5", "--out", Path.Combine(dir, "m.onnx"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HFT_PROGRESS", old.Item1);
            Environment.SetEnvironmentVariable("HFT_PROGRESS_SECONDS", old.Item2);
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        string all = run.Stdout + run.Stderr;
        Assert.Single(Regex.Matches(all, @"^fold 0: ", RegexOptions.Multiline));
        Assert.Single(Regex.Matches(all, @"^fold 1: ", RegexOptions.Multiline));
        Assert.Contains("train: search candidate 1/2", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("train: walk-forward fold 1/2", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("train: replay (build the dataset)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("train:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replay_that_ends_on_its_own_is_not_marked_partial()
    {
        var run = Hft.Run("replay", "--sim-minutes", "1", "--no-model", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        JsonObject o = run.SingleJson();
        Assert.False(o.ContainsKey("partial"));
    }
}
