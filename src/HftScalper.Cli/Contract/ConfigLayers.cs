using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Contract;

/// <summary>
/// The layered configuration every verb reads: the file (<c>HFT_CONFIG</c>, else <c>./hft.json</c>), then
/// <c>HFT_*</c> environment variables, then the command line, each layer overriding the one before. A value is an
/// option's default, under the option's name in camelCase (<c>--sim-minutes</c> -> <c>simMinutes</c>, environment
/// <c>HFT_SIM_MINUTES</c>); in the file, top-level keys apply to every verb that has the option and a verb's section
/// (<c>"replay": {...}</c>) to that verb (and its sub-verbs). Values go through the same parser rules as typed options,
/// and errors name the key as written in the file or the variable.
/// </summary>
internal sealed class ConfigLayers
{
    /// <summary>The file read when <c>HFT_CONFIG</c> is not set.</summary>
    public const string DefaultFile = "hft.json";

    // Variables with another meaning: HFT_CONFIG names this file (so replay's --config is set in the file, not by it).
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "HFT_CONFIG", "HFT_DEBUG", "HFT_ARTIFACTS", "HFT_SHARED_DATA" };

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly JsonObject? _file;
    private readonly Dictionary<string, string> _env;

    private ConfigLayers(string? path, JsonObject? file, Dictionary<string, string> env) => (FilePath, _file, _env) = (path, file, env);

    /// <summary>The configuration file in use, or null.</summary>
    public string? FilePath { get; }

    /// <summary>One value taken from a layer for an option the command line did not give.</summary>
    /// <param name="Option">The option it sets.</param>
    /// <param name="Origin">Where it came from, as a user finds it: <c>hft.json: 'simMinutes'</c>, <c>HFT_SEED</c>.</param>
    /// <param name="Tokens">The value as command-line tokens.</param>
    public sealed record Value(Option Option, string Origin, IReadOnlyList<string> Tokens);

    /// <summary>Reads the layers: <paramref name="path"/> (else <c>HFT_CONFIG</c>, else <c>./hft.json</c> when present) and the environment.</summary>
    /// <exception cref="InvalidDataException">The file is missing (when named) or not a JSON object.</exception>
    public static ConfigLayers Load(string? path = null, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in environment)
            if (e.Key is string k && k.StartsWith("HFT_", StringComparison.Ordinal) && e.Value is string v) env[k] = v;
        path ??= env.GetValueOrDefault("HFT_CONFIG") is { Length: > 0 } named ? named : File.Exists(DefaultFile) ? DefaultFile : null;
        if (path is null) return new ConfigLayers(null, null, env);
        if (!File.Exists(path)) throw new InvalidDataException($"config file not found: {path}");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path), documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}): {UserText.Clean(e.Message.Split(" Path:")[0])}");
        }
        if (node is not JsonObject o) throw new InvalidDataException($"{path}: the configuration must be a JSON object");
        return new ConfigLayers(path, o, env);
    }

    /// <summary>The key of an option in the file: its name in camelCase.</summary>
    public static string KeyOf(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var parts = option.Name.TrimStart('-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>The environment variable of an option: <c>HFT_</c> + its name in upper snake case.</summary>
    public static string EnvOf(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return "HFT_" + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
    }

    /// <summary>The options a configuration may set (all but --help, --version).</summary>
    public static IEnumerable<Option> Configurable(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Options.Where(o => o is not HelpOption && o is not VersionOption && !o.Hidden);
    }

    /// <summary>Keys of the file that no verb knows (with a suggestion), as messages; empty when every key is known.</summary>
    public IReadOnlyList<string> UnknownKeys(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var problems = new List<string>();
        if (_file is null) return problems;
        var verbs = root.Subcommands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var shared = verbs.Values.SelectMany(AllOptions).Select(KeyOf).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in _file)
        {
            if (key == "$schema") continue;
            if (verbs.TryGetValue(key, out var verb))
            {
                if (value is not JsonObject section) { problems.Add($"{FilePath}: '{key}' must be an object of {key}'s options"); continue; }
                var known = AllOptions(verb).Select(KeyOf).ToHashSet(StringComparer.Ordinal);
                foreach (var (inner, _) in section)
                    if (!known.Contains(inner)) problems.Add($"{FilePath}: unknown key '{key}.{inner}'{Suggestions.DidYouMean(inner, known)}");
            }
            else if (!shared.Contains(key))
            {
                problems.Add($"{FilePath}: unknown key '{key}'{Suggestions.DidYouMean(key, shared.Concat(verbs.Keys))}");
            }
        }
        return problems;
    }

    /// <summary>
    /// The values the layers give <paramref name="command"/> (at <paramref name="verbPath"/>, e.g. <c>models list</c>) for
    /// options not on the command line (<paramref name="given"/> says which are).
    /// </summary>
    public IReadOnlyList<Value> For(Command command, string verbPath, Func<Option, bool> given)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(verbPath);
        ArgumentNullException.ThrowIfNull(given);
        var values = new List<Value>();
        string top = verbPath.Split(' ')[0];
        foreach (var option in Configurable(command))
        {
            if (given(option)) continue;
            string key = KeyOf(option), env = EnvOf(option);
            if (!Reserved.Contains(env) && _env.TryGetValue(env, out var e)) values.Add(new Value(option, env, [e]));
            else if (_file?[top] is JsonObject section && section.TryGetPropertyValue(key, out var v))
                values.Add(new Value(option, $"{FilePath}: '{top}.{key}'", Tokens(v)));
            // A top-level object is a verb's section (`features` is a verb and an option of `models import`), never a value.
            else if (_file is not null && _file.TryGetPropertyValue(key, out var s) && s is not JsonObject)
                values.Add(new Value(option, $"{FilePath}: '{key}'", Tokens(s)));
        }
        return values;
    }

    /// <summary><paramref name="args"/> with the layered values appended (before any <c>--</c>).</summary>
    public static string[] Inject(IReadOnlyList<string> args, IReadOnlyList<Value> values)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(values);
        int split = args.ToList().IndexOf("--");
        var head = split < 0 ? args.ToList() : args.Take(split).ToList();
        foreach (var v in values)
        {
            if (v.Tokens.Count == 0) continue;
            foreach (var t in v.Tokens) head.AddRange([v.Option.Name, t]);
        }
        return split < 0 ? [.. head] : [.. head, .. args.Skip(split)];
    }

    private static IEnumerable<Option> AllOptions(Command command) =>
        Configurable(command).Concat(command.Subcommands.SelectMany(AllOptions));

    private static string[] Tokens(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => [.. a.Select(Scalar)],
        _ => [Scalar(node)],
    };

    private static string Scalar(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        null => "",
        _ => node.ToJsonString(),
    };
}
