using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using HftScalper.Core.Settings;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a configuration file into one line for the user that names the
/// key as written in the file and says what kind of value it takes (never a .NET type name):
/// <c>makerFeePpm = "abc" is not a whole number</c>, <c>unknown setting risk.foo</c>,
/// <c>not valid JSON at line 3, byte 7</c>. The settings' shape comes from the serializer's own (source-generated)
/// contract, not from reflection, so this works in the Native AOT build too.
/// </summary>
internal static class ConfigJsonError
{
    /// <summary>The user-facing error for <paramref name="e"/>, raised while binding <paramref name="text"/> to <paramref name="root"/>.</summary>
    public static SettingException Describe(JsonException e, string text, JsonTypeInfo root, JsonDocumentOptions parse)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text, documentOptions: parse);
        }
        catch (JsonException syntax)
        {
            return new SettingException($"not valid JSON at line {(syntax.LineNumber ?? 0) + 1}, byte {(syntax.BytePositionInLine ?? 0) + 1}: {FirstSentence(syntax.Message)}");
        }
        var segments = Segments(e.Path);
        if (segments.Count == 0) return new SettingException($"the file must hold one JSON object of settings, not {Show(document)}");
        JsonTypeInfo? type = root;
        JsonNode? node = document;
        var key = new List<string>();
        foreach (var s in segments)
        {
            if (s.StartsWith('['))
            {
                int i = int.Parse(s.AsSpan(1, s.Length - 2), System.Globalization.CultureInfo.InvariantCulture);
                type = type is { Type.IsArray: true, ElementType: { } element } ? InfoOf(type, element) : null;
                node = node is JsonArray a && i < a.Count ? a[i] : null;
                key[^1] += s;
                continue;
            }
            key.Add(s);
            var property = type is null ? null : PropertyOf(type, s);
            if (type is not null && property is null) return new SettingException($"unknown setting {string.Join('.', key)}{Known(type)}");
            type = property is null ? null : InfoOf(type!, property.PropertyType);
            node = node is JsonObject o ? o.FirstOrDefault(kv => string.Equals(kv.Key, s, StringComparison.OrdinalIgnoreCase)).Value : null;
        }
        // Unmapped members are reported on their parent object's path.
        if (node is JsonObject obj && type is { Kind: JsonTypeInfoKind.Object })
        {
            foreach (var kv in obj)
                if (PropertyOf(type, kv.Key) is null)
                    return new SettingException($"unknown setting {string.Join('.', key.Append(kv.Key))}{Known(type)}");
        }
        return new SettingException($"{string.Join('.', key)} = {Show(node)} is not {Kind(type?.Type)}");
    }

    // A member of an object's contract by its name in the file (case-insensitive, as the reader binds it).
    private static JsonPropertyInfo? PropertyOf(JsonTypeInfo type, string name) =>
        type.Kind != JsonTypeInfoKind.Object ? null : type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static JsonTypeInfo? InfoOf(JsonTypeInfo parent, Type type) => parent.Options.TryGetTypeInfo(type, out var info) ? info : null;

    private static List<string> Segments(string? path)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(path)) return result;
        int i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                result.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0) break;
                string inner = path[(i + 1)..end];
                // ['odd name'] is a property, [3] an index.
                result.Add(inner.StartsWith('\'') ? inner.Trim('\'') : $"[{inner}]");
                i = end + 1;
            }
            else
            {
                break;
            }
        }
        return result;
    }

    private static string Kind(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is null) return "a valid value";
        if (type == typeof(int)) return "a whole number between -2147483648 and 2147483647";
        if (type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(float)) return "a finite number";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Where(n => n != "None"));
        if (type.IsArray) return type.GetElementType() == typeof(int) ? "a list of whole numbers" : "a list";
        return "an object of settings";
    }

    private static string Known(JsonTypeInfo type) =>
        " (known: " + string.Join(", ", type.Properties.Where(p => p.Set is not null).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))) + ")";

    private static string Show(JsonNode? node)
    {
        if (node is null) return "null";
        string s = node.ToJsonString();
        return s.Length > 40 ? s[..37] + "..." : s;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
