using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HftScalper.Cli.Contract;

/// <summary>
/// The parser-level rules every verb shares, attached once to the whole command tree so a wrong command line is
/// refused before any work starts (no model load, no file opened): a token that looks like an option where a file is
/// expected is an unknown option (with a suggestion); an option with a fixed set of values accepts only those; a
/// numeric option accepts only its range. The same option name means the same thing in every verb (the README's
/// vocabulary table), so the rules are keyed by option name.
/// </summary>
internal static class OptionRules
{
    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        ["--market"] = ["spot", "usdm", "coinm", "us"],
        ["--topology"] = ["inline", "threaded"],
        ["--source"] = ["binance-vision"],
        ["--kind"] = ["trades", "aggTrades", "klines", "bookTicker", "bookDepth"],
        ["--period"] = ["daily", "monthly"],
        ["--on"] = ["decisions"],
        ["--mode"] = ["paper", "testnet", "live"],
    };

    // A verb that supports fewer values than the shared vocabulary: "verb --option".
    private static readonly Dictionary<string, string[]> VerbChoices = new(StringComparer.Ordinal)
    {
        ["record --market"] = ["spot", "usdm", "coinm"],
        ["run --market"] = ["spot", "usdm", "coinm"],
        ["data download --market"] = ["spot", "usdm", "coinm"], // binance-vision holds no Binance.US data
        ["convert --to"] = ["journal", "events"], // data download's --to is a date
    };

    private sealed record Range(double Min, bool MinOpen, double Max, string Text);

    private static readonly Dictionary<string, Range> Ranges = new(StringComparer.Ordinal)
    {
        ["--sim-minutes"] = new(0, true, 24 * 60, "in (0, 1440]"),
        ["--speed"] = new(0, false, 1e9, "0 (as fast as possible) or a positive factor"),
        ["--metrics-port"] = new(0, false, 65535, "a TCP port in 0..65535 (0 = any free port)"),
        ["--segment-mb"] = new(1, false, 4096, "in 1..4096"),
        ["--folds"] = new(1, false, 1000, "in 1..1000"),
        ["--candidates"] = new(1, false, 10_000, "in 1..10000"),
        ["--max-iterations"] = new(1, false, 100_000, "in 1..100000"),
        ["--max-depth"] = new(0, false, 64, "in 0..64 (0 = no cap)"),
        ["--budget-us"] = new(0, true, 1e9, "a positive number of microseconds"),
        ["--canary-seconds"] = new(0, true, 86_400, "in (0, 86400]"),
        ["--seed"] = new(0, false, long.MaxValue, "a non-negative integer"),
    };

    /// <summary>Attaches the rules to <paramref name="command"/> and every sub-command.</summary>
    public static void Apply(Command command, string path = "")
    {
        ArgumentNullException.ThrowIfNull(command);
        string verb = path.Length == 0 ? "" : path;
        foreach (var argument in command.Arguments)
        {
            var owner = command;
            argument.Validators.Add(r => RejectOptionLikeTokens(r, owner));
        }
        foreach (var option in command.Options)
        {
            // System.CommandLine lets `--model --json` take "--json" as the model path: refuse option-like values.
            if (option.ValueType != typeof(bool)) option.Validators.Add(r => RejectOptionLikeValue(r, option.Name));
            var choices = VerbChoices.GetValueOrDefault($"{verb} {option.Name}") ?? Choices.GetValueOrDefault(option.Name);
            if (choices is not null) option.Validators.Add(r => AcceptOnly(r, option.Name, choices));
            if (Ranges.TryGetValue(option.Name, out var range)) option.Validators.Add(r => InRange(r, option.Name, range));
        }
        foreach (var sub in command.Subcommands)
            Apply(sub, verb.Length == 0 ? sub.Name : $"{verb} {sub.Name}");
    }

    /// <summary>The fixed values <paramref name="option"/> accepts in <paramref name="verb"/>, or null (for the schema).</summary>
    public static IReadOnlyList<string>? ChoicesOf(string verb, string option) =>
        VerbChoices.GetValueOrDefault($"{verb} {option}") ?? Choices.GetValueOrDefault(option);

    /// <summary>The numeric range of <paramref name="option"/>: minimum (exclusive when <c>MinOpen</c>) and maximum, or null.</summary>
    public static (double Min, bool MinOpen, double Max)? RangeOf(string option) =>
        Ranges.TryGetValue(option, out var r) ? (r.Min, r.MinOpen, r.Max) : null;

    /// <summary>Every option name and alias <paramref name="command"/> accepts (its own and the recursive ones of its parents).</summary>
    public static IEnumerable<string> OptionNames(Command command, IEnumerable<Command>? parents = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var all = command.Options.Concat(parents?.SelectMany(p => p.Options.Where(o => o.Recursive)) ?? []);
        return all.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-'));
    }

    /// <summary>The message for a token that names no option of <paramref name="command"/>.</summary>
    public static string UnknownOption(string token, Command command) =>
        $"unknown option '{token}'{Suggestions.DidYouMean(token, OptionNames(command).Append("--help"))}";

    // `replay --sim-minute 1`: FILE would swallow "--sim-minute" and "1" and go looking for a recording named
    // "--sim-minute" after loading the model. A file whose name starts with '-' is still reachable as ./-name.
    private static void RejectOptionLikeTokens(ArgumentResult result, Command command)
    {
        foreach (var token in result.Tokens)
        {
            if (LooksLikeOption(token.Value))
            {
                result.AddError(UnknownOption(token.Value, command));
                return;
            }
        }
    }

    private static void RejectOptionLikeValue(OptionResult result, string name)
    {
        foreach (var token in result.Tokens)
        {
            if (!LooksLikeOption(token.Value)) continue;
            result.AddError($"{name} needs a value, not '{token.Value}'");
            return;
        }
    }

    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static void AcceptOnly(OptionResult result, string name, string[] choices)
    {
        foreach (var token in result.Tokens)
        {
            if (choices.Contains(token.Value, StringComparer.OrdinalIgnoreCase)) continue;
            string list = choices.Length == 1 ? choices[0] : $"{string.Join(", ", choices[..^1])} or {choices[^1]}";
            result.AddError($"{name} must be {list}, not '{token.Value}'{Suggestions.DidYouMean(token.Value, choices)}");
            return;
        }
    }

    private static void InRange(OptionResult result, string name, Range range)
    {
        foreach (var token in result.Tokens)
        {
            // Not a number at all: the parser's own conversion error says so (rewritten by ParseErrors).
            if (!double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) continue;
            bool ok = !double.IsNaN(v) && (range.MinOpen ? v > range.Min : v >= range.Min) && v <= range.Max;
            if (!ok)
            {
                result.AddError($"{name} must be {range.Text}, got {token.Value}");
                return;
            }
        }
    }
}
