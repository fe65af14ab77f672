using System.Text.Json;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>The output of one <c>hft</c> run.</summary>
internal sealed record HftRun(string[] Args, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"hft {string.Join(' ', Args)} -> exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>stdout parsed as exactly one JSON object (fails when anything else is there).</summary>
    public JsonObject SingleJson()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Stdout);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        var first = JsonNode.Parse(ref reader) as JsonObject;
        Assert.True(first is not null, $"stdout is not one JSON object:\n{this}");
        Assert.False(reader.Read(), $"stdout holds more than one JSON value:\n{this}");
        return first!;
    }
}
