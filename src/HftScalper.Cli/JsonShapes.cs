using System.Text.Json;
using System.Text.Json.Nodes;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Metadata;
using HftScalper.Simulator;

namespace HftScalper.Cli;

/// <summary>
/// The shapes shared by every verb's <c>--json</c>: the same figure has the same key and type everywhere.
/// <c>source</c> is an object <c>{kind: "files"|"simulator", files | seed + simMinutes + symbols, format?, description}</c>,
/// <c>model</c> an object <c>{kind: "onnx"|"fallback", path, sha256, name, version, provider?}</c>, <c>symbols</c> an
/// array of names, keys camelCase, elapsed wall time <c>elapsedSeconds</c> (a number).
/// </summary>
internal static class JsonShapes
{
    /// <summary>Where the data came from: the files given, or the simulator when none was.</summary>
    public static JsonObject Source(IReadOnlyList<string> files, SimulatorOptions? simulator, string description, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var o = new JsonObject();
        if (files.Count == 0 && simulator is { } s)
        {
            o["kind"] = "simulator";
            o["seed"] = s.Seed;
            o["simMinutes"] = s.Duration.TotalMinutes;
            o["symbols"] = Strings(s.Symbols.Select(p => p.Symbol));
        }
        else
        {
            o["kind"] = "files";
            o["files"] = Strings(files.Select(Path.GetFullPath));
        }
        if (format is not null) o["format"] = JsonNamingPolicy.CamelCase.ConvertName(format);
        o["description"] = description;
        return o;
    }

    /// <summary>An ONNX model file that served (or was evaluated).</summary>
    public static JsonObject Model(string path, ModelMetadata? metadata, string? provider = null, string? sha256 = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var o = new JsonObject
        {
            ["kind"] = "onnx",
            ["path"] = Path.GetFullPath(path),
            ["sha256"] = sha256 ?? (File.Exists(path) ? ModelRegistry.Sha256Of(path) : null),
            ["name"] = metadata?.Name,
            ["version"] = metadata?.Version,
        };
        if (provider is not null) o["provider"] = JsonNamingPolicy.CamelCase.ConvertName(provider);
        return o;
    }

    /// <summary>No model served: every decision used the rule-based fallback signal.</summary>
    public static JsonObject Fallback(string? modelsDir = null)
    {
        var o = new JsonObject { ["kind"] = "fallback" };
        if (modelsDir is not null) o["modelsDir"] = Path.GetFullPath(modelsDir);
        return o;
    }

    /// <summary>An array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Counts by name with camelCase keys (enum names such as <c>BookNotSynced</c> become <c>bookNotSynced</c>).</summary>
    public static JsonObject CamelKeys(IEnumerable<KeyValuePair<string, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var o = new JsonObject();
        foreach (var (k, v) in counts) o[JsonNamingPolicy.CamelCase.ConvertName(k)] = v;
        return o;
    }
}
