using System.CommandLine;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Contract;

/// <summary>
/// The JSON Schema of the configuration file (<see cref="ConfigLayers"/>), generated from the verbs themselves so it
/// cannot drift: every option key with its type, allowed values, range and description; a section per verb.
/// Published as <c>hft.schema.json</c> at the repository root (<c>hft config schema</c> prints it).
/// </summary>
internal static class ConfigSchema
{
    /// <summary>The schema for the verbs of <paramref name="root"/> (the <c>config</c> verb itself excluded).</summary>
    public static JsonObject Build(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var shared = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        var props = new JsonObject();
        foreach (var verb in root.Subcommands.Where(c => c.Name != "config"))
        {
            var section = new JsonObject();
            foreach (var (option, path) in Options(verb, verb.Name))
            {
                string key = ConfigLayers.KeyOf(option);
                section[key] ??= Property(option, path);
                shared[key] ??= Property(option, "");
            }
            props[verb.Name] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"Defaults for hft {verb.Name} (override the top-level keys)",
                ["properties"] = section,
                ["additionalProperties"] = false,
            };
        }
        foreach (var (k, v) in props) shared[k] = v?.DeepClone();
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "hft.schema.json",
            ["title"] = "hft configuration",
            ["description"] = "Option defaults for every hft verb: top-level keys apply to every verb with that option, a verb's section to that verb. " +
                "HFT_<OPTION> environment variables override the file; the command line overrides both.",
            ["type"] = "object",
            ["properties"] = shared,
            ["additionalProperties"] = false,
        };
    }

    private static IEnumerable<(Option Option, string Path)> Options(Command command, string path) =>
        ConfigLayers.Configurable(command).Select(o => (o, path))
            .Concat(command.Subcommands.SelectMany(s => Options(s, $"{path} {s.Name}")));

    private static JsonObject Property(Option option, string verb)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var p = new JsonObject();
        if (type == typeof(bool)) p["type"] = "boolean";
        else if (type == typeof(int) || type == typeof(long) || type == typeof(ulong)) p["type"] = "integer";
        else if (type == typeof(double) || type == typeof(float)) p["type"] = "number";
        else if (type.IsArray) p["type"] = new JsonArray("array", "string");
        else p["type"] = "string";
        if (OptionRules.ChoicesOf(verb, option.Name) is { } choices) p["enum"] = JsonShapes.Strings(choices);
        if (OptionRules.RangeOf(option.Name) is { } r)
        {
            p[r.MinOpen ? "exclusiveMinimum" : "minimum"] = r.Min;
            if (r.Max < 1e9) p["maximum"] = r.Max;
        }
        if (option.Description is { Length: > 0 } d) p["description"] = $"{option.Name}: {d}";
        return p;
    }
}
