using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>Structured logs on request (<c>HFT_LOG_FORMAT=json</c>) and levels per category (<c>HFT_LOG_LEVEL</c>).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LoggingTests
{
    private static HftRun RunWith(string? format, string? levels, params string[] args)
    {
        var old = (Environment.GetEnvironmentVariable("HFT_LOG_FORMAT"), Environment.GetEnvironmentVariable("HFT_LOG_LEVEL"));
        Environment.SetEnvironmentVariable("HFT_LOG_FORMAT", format);
        Environment.SetEnvironmentVariable("HFT_LOG_LEVEL", levels);
        try
        {
            return Hft.Run(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HFT_LOG_FORMAT", old.Item1);
            Environment.SetEnvironmentVariable("HFT_LOG_LEVEL", old.Item2);
        }
    }

    private static List<JsonObject> JsonLogLines(HftRun run) =>
        [.. run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject())];

    [Fact]
    public void Json_log_format_writes_one_object_per_message_on_stderr_and_leaves_stdout_to_the_result()
    {
        var run = RunWith("json", null, "replay", "--sim-minutes", "0.5", "--no-model", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        run.SingleJson();
        var logs = JsonLogLines(run);
        Assert.Contains(logs, l => l["Category"]?.GetValue<string>() == "hft.replay" && l["LogLevel"]?.GetValue<string>() == "Warning"
            && l["Message"]!.GetValue<string>().Contains("fallback", StringComparison.Ordinal));
        Assert.All(logs, l => Assert.NotNull(l["Timestamp"]));
    }

    [Fact]
    public void A_category_level_silences_that_category_only()
    {
        var run = RunWith("json", "hft.replay=Error", "replay", "--sim-minutes", "0.5", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var logs = JsonLogLines(run);
        Assert.DoesNotContain(logs, l => l["Category"]?.GetValue<string>() == "hft.replay");
        Assert.Contains(logs, l => l["Category"]?.GetValue<string>() == "hft.model"); // others keep Information
    }

    [Fact]
    public void A_level_that_does_not_exist_is_an_input_error()
    {
        var run = RunWith(null, "hft.replay=Loud", "replay", "--sim-minutes", "0.5", "--no-model", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'Loud' is not a level", run.Stderr, StringComparison.Ordinal);
    }
}
