using System.CommandLine;
using HftScalper.Cli.Contract;

namespace HftScalper.Cli;

/// <summary>
/// Runs one <c>hft</c> command line under the CLI contract: parse first and refuse a wrong command line before any
/// work (one or two lines on stderr, exit <see cref="ExitCodes.Usage"/>), then run the verb and map any failure
/// through <see cref="CliErrors"/>. <c>Program</c> and the contract tests both go through here.
/// </summary>
internal static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool json = CliErrors.WantsJson(args);
        var root = CommandCatalog.BuildRoot();
        var parse = root.Parse(args);
        string verb = ParseErrors.CommandPath(parse);
        if (WantsLayers(parse, verb))
        {
            // The layered configuration (file, then HFT_* variables) fills the options the command line left out.
            ConfigLayers layers;
            try
            {
                layers = ConfigLayers.Load();
            }
            catch (InvalidDataException e)
            {
                return CliErrors.Report("input", e.Message, ExitCodes.Usage, json, verb);
            }
            if (layers.UnknownKeys(root) is [var unknown, ..]) return CliErrors.Report("input", unknown, ExitCodes.Usage, json, verb);
            var values = layers.For(parse.CommandResult.Command, verb["hft ".Length..], o => parse.GetResult(o) is { Implicit: false });
            if (values.Count > 0)
            {
                args = ConfigLayers.Inject(args, values);
                json = CliErrors.WantsJson(args);
                parse = root.Parse(args);
                if (LayerError(parse, values) is { } bad) return CliErrors.Report("input", bad, ExitCodes.Usage, json, verb);
            }
        }
        // --help and --version clear parse errors (System.CommandLine's rule): `hft replay --bogus --help` shows help.
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            string hint = verb == "hft" ? "Run 'hft --help' for the verbs." : $"Run '{verb} --help' for its options and examples.";
            return CliErrors.Report("usage", ParseErrors.Describe(parse), ExitCodes.Usage, json, verb, hint);
        }
        Task<int> run;
        try
        {
            // ProcessTerminationTimeout = null: System.CommandLine would otherwise catch SIGINT/SIGTERM for the async
            // verbs too and, 2 s later, return 130/143 while the verb is still writing its summary or closing its
            // journal. The CLI's one home for the signals is StopSignal (the Generic Host's lifetime for run and
            // replay --serve).
            run = parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception e)
        {
            run = Task.FromException<int>(e);
        }
        return await run.ContinueWith(t => CliErrors.Handle(t, json, verb), TaskScheduler.Default).ConfigureAwait(false);
    }

    // Layers apply to a verb's own run, not to help, `hft config` (which inspects them) or a bare `hft`.
    // A mistake on the command line itself is reported first; only a missing required option may come from a layer.
    private static bool WantsLayers(ParseResult parse, string verb) =>
        verb != "hft" && !verb.StartsWith("hft config", StringComparison.Ordinal) && parse.Action is not { ClearsParseErrors: true }
        && parse.Errors.All(e => ParseErrors.IsMissingRequiredOption(e));

    /// <summary>The first parse error caused by a layered value, naming the key or variable it came from; null when none.</summary>
    public static string? LayerError(ParseResult parse, IReadOnlyList<ConfigLayers.Value> values)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var error in parse.Errors)
        {
            var option = error.SymbolResult switch
            {
                System.CommandLine.Parsing.OptionResult o => o.Option,
                System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option,
                _ => null,
            };
            if (values.FirstOrDefault(v => v.Option == option) is not { } from) continue;
            string message = ParseErrors.Describe(error, parse.CommandResult.Command);
            return message.StartsWith(from.Option.Name + " ", StringComparison.Ordinal)
                ? from.Origin + message[from.Option.Name.Length..]
                : $"{from.Origin}: {message}";
        }
        return null;
    }
}
