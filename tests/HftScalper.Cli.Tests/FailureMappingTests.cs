using HftScalper.Cli.Contract;

namespace HftScalper.Cli.Tests;

/// <summary>How failures escaping a verb reach the user: exit code, one line, no .NET text, --json purity.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FailureMappingTests
{
    private static HftRun Capture(Func<int> action)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return new HftRun([], action(), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void A_crash_exits_1_with_a_generic_line_and_no_exception_text()
    {
        Environment.SetEnvironmentVariable("HFT_DEBUG", null);
        var run = Capture(() => CliErrors.Handle(Task.FromException<int>(new InvalidOperationException("Sequence contains no elements")), json: false, "hft replay"));
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hft replay: error: internal error", run.Stderr, StringComparison.Ordinal);
        ContractAssert.NoDotNetText(run);
        Assert.DoesNotContain("InvalidOperation", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_with_json_prints_only_the_error_object()
    {
        var run = Capture(() => CliErrors.Handle(Task.FromException<int>(new NullReferenceException()), json: true));
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        var error = run.SingleJson()["error"]!.AsObject();
        Assert.Equal("internal", (string?)error["code"]);
        Assert.Equal(1, (int?)error["exitCode"]);
    }

    [Fact]
    public void An_out_of_range_argument_reads_without_parameter_names()
    {
        var ex = new ArgumentOutOfRangeException("port", 99999, "port must be in 0..65535");
        var run = Capture(() => CliErrors.Handle(Task.FromException<int>(ex), json: false, "hft replay"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("hft replay: error: port must be in 0..65535\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_cancelled_verb_exits_130()
    {
        var run = Capture(() => CliErrors.Handle(Task.FromCanceled<int>(new CancellationToken(true)), json: false));
        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
    }

    [Theory]
    [InlineData("The JSON value could not be converted to System.Double. Path: $.InitialEquity | LineNumber: 2 | BytePositionInLine: 20.",
        "'initialEquity' must be a number, line 3")]
    [InlineData("The JSON property 'foo' could not be mapped to any .NET member contained in type 'HftScalper.Cli.Commands.Replay.RunConfig'.",
        "unknown key 'foo'")]
    [InlineData("Specified argument was out of the range of valid values. (Parameter 'port')\nActual value was 99999.",
        "Specified argument was out of the range of valid values.")]
    [InlineData("recording not found: /data/HftScalper.Cli/x.gz", "recording not found: /data/HftScalper.Cli/x.gz")]
    [InlineData("cannot convert to System.Nullable`1[System.Int32]", "cannot convert to an integer")]
    public void Messages_lose_dotnet_wording(string message, string expected) =>
        Assert.Equal(expected, UserText.Clean(message));

    [Fact]
    public void Exit_codes_are_the_documented_ones()
    {
        Assert.Equal((0, 1, 2, 3, 130), (ExitCodes.Ok, ExitCodes.InternalError, ExitCodes.Usage, ExitCodes.CheckFailed, ExitCodes.Cancelled));
        var readme = File.ReadAllText(Path.Combine(HftScalper.Tests.Shared.TestData.RepoRoot, "README.md"));
        foreach (var row in new[] { "| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |" })
            Assert.Contains(row, readme, StringComparison.Ordinal);
    }
}
