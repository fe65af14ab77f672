namespace HftScalper.Cli.Tests;

/// <summary>Every verb's <c>--help</c> goes to stdout, exits 0 and ends with runnable examples of that verb.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class HelpTests
{
    public static TheoryData<string> Verbs => new()
    {
        "", "env", "convert", "record", "run", "replay", "book-check", "simulate", "features", "models",
        "models list", "models validate", "models promote", "models rollback", "models import", "train", "evaluate", "calibrate",
        "config", "config init", "config show", "config validate", "config schema", "journal", "journal orders",
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_shows_examples_of_the_verb(string verb)
    {
        string[] args = [.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];
        var run = Hft.Run(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stderr.Length == 0, run.ToString());
        int examples = run.Stdout.IndexOf("Examples:", StringComparison.Ordinal);
        Assert.True(examples >= 0, $"no Examples section:\n{run}");
        Assert.Contains($"hft {verb}".TrimEnd(), run.Stdout[examples..], StringComparison.Ordinal);
    }
}
