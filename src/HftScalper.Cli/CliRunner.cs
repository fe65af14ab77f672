using System.CommandLine;
using HftScalper.Cli.Contract;

namespace HftScalper.Cli;

/// <summary>
/// Runs one <c>hft</c> command line under the CLI contract: parse first and refuse a wrong command line before any
/// work (one or two lines on stderr, exit <see cref="ExitCodes.Usage"/>), then run the verb and map any failure
/// through <see cref="CliErrors"/>. <c>Program</c> and the contract tests both go through here.
/// </summary>
public static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool json = CliErrors.WantsJson(args);
        var root = CommandCatalog.BuildRoot();
        var parse = root.Parse(args);
        string verb = ParseErrors.CommandPath(parse);
        // --help and --version clear parse errors (System.CommandLine's rule): `hft replay --bogus --help` shows help.
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            string hint = verb == "hft" ? "Run 'hft --help' for the verbs." : $"Run '{verb} --help' for its options and examples.";
            return CliErrors.Report("usage", ParseErrors.Describe(parse), ExitCodes.Usage, json, verb, hint);
        }
        Task<int> run;
        try
        {
            run = parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            run = Task.FromException<int>(e);
        }
        return await run.ContinueWith(t => CliErrors.Handle(t, json, verb), TaskScheduler.Default).ConfigureAwait(false);
    }
}
