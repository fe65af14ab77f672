using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft replay --serve</c> as a real process on the Generic Host, as <c>hft run</c> is: systemd (a fake notify
/// socket) hears <c>READY=1</c> once the dashboard listens, so <c>/metrics</c> answers then; SIGTERM or Ctrl+C in the
/// middle of a long replay stops the host, which still prints the partial summary and exits 143 or 130 without a
/// second signal; a replay that ends keeps serving until <c>--serve-for</c> ends or Ctrl+C (exit 0). Each waits for a
/// condition, never for a time.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ReplayServeHostTests
{
    // events > 0: a heartbeat at 0 events comes while the run is still being set up (a stop then is "cancelled", with no summary)
    [GeneratedRegex(@"^replay: \d+\.\d %  [1-9][\d,]* events  ", RegexOptions.Multiline)]
    private static partial Regex Heartbeat();

    [GeneratedRegex(@"^metrics: (http://\S+/metrics)$", RegexOptions.Multiline)]
    private static partial Regex MetricsLine();

    private static Dictionary<string, string> Env(FakeNotifySocket notify) =>
        new() { ["NOTIFY_SOCKET"] = notify.Path, ["HFT_PROGRESS_SECONDS"] = "0.2", ["HFT_PROGRESS"] = "auto" };

    [Fact]
    public async Task Sigterm_mid_replay_gives_one_partial_json_summary_and_143_after_ready_and_metrics_answered()
    {
        await using var notify = new FakeNotifySocket();
        using var hft = new HftProcess(Env(notify), "replay", "--sim-minutes", "1440", "--no-model", "--json", "--serve", "127.0.0.1:0");
        string metrics = await ReadyAsync(hft, notify);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var answer = await http.GetAsync(metrics); // READY=1 means the dashboard already listens
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        hft.WaitForStderr(e => Heartbeat().IsMatch(e)); // mid-run: events flow

        hft.Signal("TERM");
        int exit = hft.WaitForExit();

        Assert.True(exit == 143, $"exit {exit}\n{hft}");
        JsonObject o = new HftRun(["replay"], exit, hft.Stdout, hft.Stderr).SingleJson();
        Assert.True(o["partial"]!.GetValue<bool>(), hft.Stdout);
        Assert.Equal("SIGTERM", o["stoppedBy"]!.GetValue<string>());
        Assert.InRange(o["inputShare"]!.GetValue<double>(), 0, 0.999);
        Assert.True(o["events"]!.GetValue<long>() > 0);
        Assert.True(o["drained"]!.GetValue<bool>());
        Assert.Equal(metrics, o["metricsUrl"]!.GetValue<string>()); // the page got the same summary
        Assert.Contains("digest", hft.Stdout, StringComparison.Ordinal);
        Assert.True(await SeenAsync(notify, "STOPPING=1"), string.Join(" | ", notify.Received));
        Assert.True(Array.IndexOf(notify.Received, "READY=1") < Array.IndexOf(notify.Received, "STOPPING=1"), string.Join(" | ", notify.Received));
        Assert.DoesNotContain("the run is over; serving", hft.Stderr, StringComparison.Ordinal); // a stop is a stop: no serving after
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(metrics)); // Kestrel stopped with the host
    }

    [Fact]
    public async Task Ctrl_c_mid_replay_prints_the_partial_text_summary_and_exits_130_at_the_first_signal()
    {
        await using var notify = new FakeNotifySocket();
        using var hft = new HftProcess(Env(notify), "replay", "--sim-minutes", "1440", "--no-model", "--serve", "127.0.0.1:0");
        await ReadyAsync(hft, notify);
        hft.WaitForStderr(e => Heartbeat().IsMatch(e));

        hft.Signal("INT");
        int exit = hft.WaitForExit();

        Assert.True(exit == 130, $"exit {exit}\n{hft}");
        Assert.True(new Regex(@"^PARTIAL: stopped by Ctrl\+C at \d+\.\d % of the input; the figures below cover the [\d,]+ events processed$", RegexOptions.Multiline).IsMatch(hft.Stdout), hft.ToString());
        Assert.Contains("digest", hft.Stdout, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(hft.Stderr, @"stopping \(Ctrl\+C\)")); // one handler saw the signal
    }

    [Fact]
    public async Task A_finished_replay_keeps_serving_until_ctrl_c_and_exits_0_whole()
    {
        await using var notify = new FakeNotifySocket();
        using var hft = new HftProcess(Env(notify), "replay", "--sim-minutes", "1", "--no-model", "--json", "--serve", "127.0.0.1:0");
        string metrics = await ReadyAsync(hft, notify);
        hft.WaitForStderr(e => e.Contains("dashboard: the run is over; serving ", StringComparison.Ordinal) && e.Contains("until Ctrl+C", StringComparison.Ordinal));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        string after = await http.GetStringAsync(metrics); // still serving after the run

        hft.Signal("INT");
        int exit = hft.WaitForExit();

        Assert.True(exit == 0, $"exit {exit}\n{hft}");
        JsonObject o = new HftRun(["replay"], exit, hft.Stdout, hft.Stderr).SingleJson();
        Assert.False(o.ContainsKey("partial"));
        Assert.Equal(o["events"]!.GetValue<long>(), EventsTotal(after)); // the final figures, served after the run
        Assert.True(await SeenAsync(notify, "STOPPING=1"), string.Join(" | ", notify.Received));
    }

    [Fact]
    public async Task Serve_for_ends_the_serving_by_itself_with_exit_0()
    {
        await using var notify = new FakeNotifySocket();
        using var hft = new HftProcess(Env(notify), "replay", "--sim-minutes", "1", "--no-model", "--json", "--serve", "127.0.0.1:0", "--serve-for", "1s");
        await ReadyAsync(hft, notify);
        int exit = hft.WaitForExit(); // no signal

        Assert.True(exit == 0, $"exit {exit}\n{hft}");
        Assert.Contains("dashboard: the run is over; serving ", hft.Stderr, StringComparison.Ordinal);
        Assert.Contains("for 00:00:01", hft.Stderr, StringComparison.Ordinal);
        Assert.False(new HftRun(["replay"], exit, hft.Stdout, hft.Stderr).SingleJson().ContainsKey("partial"));
        Assert.True(await SeenAsync(notify, "STOPPING=1"), string.Join(" | ", notify.Received));
    }

    // Waits for READY=1 (failing with what the process printed if it exits first) and returns the /metrics URL.
    private static async Task<string> ReadyAsync(HftProcess hft, FakeNotifySocket notify)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (!notify.Seen("READY=1") && DateTime.UtcNow < until)
        {
            if (hft.HasExited) Assert.Fail($"hft exited ({hft.WaitForExit()}) before READY=1\n{hft}");
            await Task.Delay(20);
        }
        Assert.True(notify.Seen("READY=1"), $"no READY=1\n{hft}");
        hft.WaitForStderr(e => MetricsLine().IsMatch(e)); // printed before READY=1; the reader may lag
        return MetricsLine().Match(hft.Stderr).Groups[1].Value;
    }

    private static long EventsTotal(string metrics)
    {
        const string Name = "hft_pipeline_events_total ";
        string line = metrics.Split('\n').Single(l => l.StartsWith(Name, StringComparison.Ordinal));
        return (long)double.Parse(line[Name.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> SeenAsync(FakeNotifySocket notify, string message)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!notify.Seen(message) && DateTime.UtcNow < until) await Task.Delay(20);
        return notify.Seen(message);
    }
}
