using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HftScalper.Cli;

/// <summary>
/// Writes a verb's <c>--json</c> result: exactly one JSON object on stdout (logs go to stderr), so scripts can
/// parse it. Key names are contracts: never rename one an issue gave.
/// </summary>
internal static class JsonOut
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="obj"/> to stdout as one JSON object followed by a newline.</summary>
    public static void Write(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Console.Out.WriteLine(obj.ToJsonString(Options));
        Console.Out.Flush();
    }

    /// <summary>Writes <paramref name="obj"/> to <paramref name="path"/> exactly as <see cref="Write"/> prints it.</summary>
    public static void WriteFile(string path, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        File.WriteAllText(path, obj.ToJsonString(Options) + Environment.NewLine);
    }

    /// <summary>The same object as aligned <c>key value</c> lines (strings bare, arrays comma-separated).</summary>
    public static void WriteText(JsonObject obj, int keyWidth = 14)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var kv in obj)
        {
            string value = kv.Value switch
            {
                JsonArray a => string.Join(',', a.Select(v => v is JsonValue ? v.ToString() : v?.ToJsonString(Options))),
                JsonValue v => v.ToString(),
                null => "",
                var n => n.ToJsonString(),
            };
            Console.Out.WriteLine($"{kv.Key.PadRight(keyWidth)} {value}");
        }
    }
}
