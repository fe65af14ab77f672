using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace HftScalper.Cli.Contract;

/// <summary>
/// Turns a failed parse into one line a user can act on: the first real mistake (an unknown option or verb before
/// the errors it causes), in our words, with a suggestion when a known name is close, never a .NET type name.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>The verb path of the parse (<c>hft replay</c>, <c>hft models promote</c>).</summary>
    public static string CommandPath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Add(c.Parent is null ? "hft" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>One line describing why <paramref name="parse"/> failed.</summary>
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var parents = Parents(parse.CommandResult).ToList();

        // 1. Words the parser could not place: unknown options, unknown verbs, stray arguments.
        foreach (var token in parse.UnmatchedTokens)
        {
            // `hft --json`, `hft models --json`: the contract flag, not the mistake; the missing verb is.
            if (token == "--json" && command.Subcommands.Count > 0) continue;
            if (token.StartsWith('-')) return $"unknown option '{token}'{Suggestions.DidYouMean(token, OptionRules.OptionNames(command, parents).Append("--help"))}";
            if (command.Subcommands.Count > 0)
                return $"unknown verb '{token}'{Suggestions.DidYouMean(token, command.Subcommands.Select(s => s.Name))}; verbs: {Verbs(command)}";
            return $"unexpected argument '{token}'";
        }

        // 2. Option-like words swallowed as file names (our validator): those first, they explain the rest.
        var errors = parse.Errors.ToList();
        if (errors.Any(e => e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)))
            return $"a verb is required: {Verbs(command)}";
        var first = errors.FirstOrDefault(e => e.SymbolResult is ArgumentResult { Parent: CommandResult } && e.Message.StartsWith("unknown option", StringComparison.Ordinal))
            ?? errors.FirstOrDefault(e => !e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal) && !RequiredOption().IsMatch(e.Message))
            ?? errors.FirstOrDefault();
        if (first is null) return "invalid command line";
        return Rewrite(first, command);
    }

    private static IEnumerable<Command> Parents(CommandResult result)
    {
        for (var r = result.Parent; r is not null; r = r.Parent)
            if (r is CommandResult c) yield return c.Command;
    }

    private static string Verbs(Command command) => string.Join(", ", command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name));

    /// <summary>Whether <paramref name="error"/> only says a required option is missing (a configuration layer may give it).</summary>
    public static bool IsMissingRequiredOption(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return RequiredOption().IsMatch(error.Message);
    }

    /// <summary>One parse error of <paramref name="command"/> in our words.</summary>
    public static string Describe(ParseError error, Command command)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(command);
        return Rewrite(error, command);
    }

    // System.CommandLine's own messages (English: the app runs with invariant globalization), in our words.
    private static string Rewrite(ParseError error, Command command)
    {
        string m = error.Message;
        if (m.StartsWith("Required command was not provided", StringComparison.Ordinal))
            return $"a verb is required: {Verbs(command)}";
        if (RequiredOption().Match(m) is { Success: true } req)
            return $"missing required option {req.Groups[1].Value}";
        if (MissingOptionValue().Match(m) is { Success: true } mv)
            return $"{mv.Groups[1].Value} needs a value";
        if (MissingArgument().IsMatch(m))
        {
            var arg = command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > 0);
            return arg is null ? "missing argument" : $"missing {arg.Name}{(arg.Description is { Length: > 0 } d ? $": {char.ToLowerInvariant(d[0])}{d[1..]}" : "")}";
        }
        if (CannotParse().Match(m) is { Success: true } cp)
        {
            string value = cp.Groups[1].Value, owner = cp.Groups[2].Value;
            string type = OptionType(error) is { } t ? UserText.Friendly(t) : UserText.Friendly(cp.Groups[3].Value);
            return owner.Length > 0 ? $"{owner} must be {type}, not '{value}'" : $"'{value}' is not {type}";
        }
        if (SingleValue().Match(m) is { Success: true } sv)
            return $"{sv.Groups[1].Value} takes one value, got {sv.Groups[2].Value}";
        if (m.StartsWith("Unrecognized command or argument", StringComparison.Ordinal) && Quoted().Match(m) is { Success: true } q)
            return q.Groups[1].Value.StartsWith('-') ? OptionRules.UnknownOption(q.Groups[1].Value, command) : $"unexpected argument '{q.Groups[1].Value}'";
        return UserText.Clean(m);
    }

    private static Type? OptionType(ParseError error) => error.SymbolResult switch
    {
        OptionResult o => o.Option.ValueType,
        ArgumentResult { Parent: OptionResult o } => o.Option.ValueType,
        ArgumentResult a => a.Argument.ValueType,
        _ => null,
    };

    [GeneratedRegex(@"^Option '([^']*)' is required\.")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"^Required argument missing for option: '([^']*)'")]
    private static partial Regex MissingOptionValue();

    [GeneratedRegex(@"^Required argument missing for command")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"^Cannot parse argument '([^']*)'(?: for option '([^']*)')?(?: for command '[^']*')? as expected type '([^']*)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Option '([^']*)' expects a single argument but (\d+) were provided")]
    private static partial Regex SingleValue();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();
}
