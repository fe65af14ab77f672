namespace HftScalper.Cli.Tests;

/// <summary>The contract every failing command line keeps, checked once in text mode and once with <c>--json</c>.</summary>
internal static class ContractAssert
{
    // .NET wording that must never reach a user.
    private static readonly string[] Forbidden =
        ["(Parameter '", "Actual value was", "System.", "HftScalper.", "Exception", "   at ", "Unhandled", "Description:", "Usage:"];

    /// <summary>Refused by the parser: exit 2, at most two lines on stderr naming the problem, nothing on stdout;
    /// with --json stdout is exactly one error object.</summary>
    public static void UsageError(string[] args, string expected) => Error(args, expected, "usage", maxStderrLines: 2);

    /// <summary>Refused by the verb (bad input such as a missing file): exit 2, a clear line, stdout clean.</summary>
    public static void InputError(string[] args, string expected) => Error(args, expected, "input", maxStderrLines: int.MaxValue);

    private static void Error(string[] args, string expected, string code, int maxStderrLines)
    {
        var text = Hft.Run(args);
        Assert.True(text.ExitCode == 2, $"exit code {text.ExitCode}, want 2:\n{text}");
        Assert.True(text.Stdout.Length == 0, $"stdout must stay empty on error:\n{text}");
        Assert.True(text.Stderr.Contains(expected, StringComparison.Ordinal), $"stderr should say '{expected}':\n{text}");
        var lines = text.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= maxStderrLines, $"stderr has {lines.Length} lines, want at most {maxStderrLines}:\n{text}");
        NoDotNetText(text);

        string[] withJson = [.. args, "--json"];
        var json = Hft.Run(withJson);
        Assert.True(json.ExitCode == 2, $"exit code {json.ExitCode}, want 2:\n{json}");
        var error = json.SingleJson()["error"]?.AsObject();
        Assert.True(error is not null, $"no error object:\n{json}");
        Assert.Equal(code, (string?)error!["code"]);
        Assert.Equal(2, (int?)error["exitCode"]);
        Assert.Contains(expected, (string?)error["message"], StringComparison.Ordinal);
        NoDotNetText(json);
    }

    public static void NoDotNetText(HftRun run)
    {
        foreach (var f in Forbidden)
        {
            Assert.False(run.Stderr.Contains(f, StringComparison.Ordinal), $"stderr carries .NET text '{f}':\n{run}");
            Assert.False(run.Stdout.Contains(f, StringComparison.Ordinal), $"stdout carries .NET text '{f}':\n{run}");
        }
    }
}
