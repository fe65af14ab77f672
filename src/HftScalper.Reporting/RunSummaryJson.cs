using System.Text.Json;
using System.Text.Json.Serialization;

namespace HftScalper.Reporting;

/// <summary>JSON form of <see cref="RunSummary"/>: camelCase keys, indented, source-generated (no reflection).</summary>
public static class RunSummaryJson
{
    /// <summary>Serialises a summary.</summary>
    public static string Serialize(RunSummary summary) =>
        JsonSerializer.Serialize(summary, RunSummaryJsonContext.Default.RunSummary);

    /// <summary>Reads a summary back (e.g. summary.json of an earlier run).</summary>
    public static RunSummary? Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RunSummaryJsonContext.Default.RunSummary);
}

// Source-generated serialisation metadata for RunSummary (internal: the public face is RunSummaryJson).
// Named literals ("NaN") instead of an exception: the recorders never produce NaN, but a report must not crash.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;
