using System.Text.RegularExpressions;

namespace HftScalper.Cli.Contract;

/// <summary>
/// Keeps .NET's wording out of what users read: exception messages are reduced to their first sentence-worthy line,
/// without <c>(Parameter 'x')</c>, <c>Actual value was ...</c>, type names (<c>System.Double</c>,
/// <c>HftScalper.Cli...RunConfig</c>) or System.Text.Json's <c>Path: $.X | LineNumber: ...</c> tail.
/// </summary>
internal static partial class UserText
{
    /// <summary>The message as a user should read it (one line).</summary>
    public static string Clean(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return "failed";
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Actual value was", StringComparison.Ordinal));
        var text = string.Join(' ', lines);
        text = ParameterSuffix().Replace(text, "");
        text = JsonUnmapped().Replace(text, m => $"unknown key '{m.Groups[1].Value}'");
        text = JsonConvert().Replace(text, m => $"'{Key(m.Groups[2].Value)}' must be {Friendly(m.Groups[1].Value)}{Line(m.Groups[3].Value)}");
        text = JsonTail().Replace(text, m => $" (at '{Key(m.Groups[1].Value)}'{Line(m.Groups[2].Value)})");
        text = TypeName().Replace(text, m => Friendly(m.Value));
        text = ProjectType().Replace(text, "the settings");
        return text.Trim();
    }

    /// <summary>How a value type reads in a message: "a number", "an integer", "true or false", ...</summary>
    public static string Friendly(string typeName) => Unwrap(typeName.Trim('\'')) switch
    {
        "System.Double" or "System.Single" or "System.Decimal" or "Double" or "Single" or "Decimal" => "a number",
        "System.Int32" or "System.Int64" or "System.Int16" or "Int32" or "Int64" or "Int16" => "an integer",
        "System.UInt64" or "System.UInt32" or "System.UInt16" or "System.Byte" or "UInt64" or "UInt32" => "a non-negative integer",
        "System.Boolean" or "Boolean" => "true or false",
        "System.String" or "String" => "text",
        "System.TimeSpan" or "TimeSpan" => "a duration",
        var t when t.EndsWith("[]", StringComparison.Ordinal) => "a list",
        _ => "a value of another kind",
    };

    /// <summary>Friendly name of a CLR type (see <see cref="Friendly(string)"/>).</summary>
    public static string Friendly(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(FileInfo) || t == typeof(DirectoryInfo) ? "a path" : Friendly(t.FullName ?? t.Name);
    }

    private static string Unwrap(string t) =>
        t.StartsWith("System.Nullable`1[", StringComparison.Ordinal) && t.EndsWith(']') ? t["System.Nullable`1[".Length..^1] : t;

    // $.risk.MaxDrawdownFraction -> risk.maxDrawdownFraction: keys as the documentation (and the schema) write them.
    private static string Key(string path)
    {
        var parts = path.TrimStart('$').TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "(top level)" : string.Join('.', parts.Select(p => p.Length > 0 && char.IsUpper(p[0]) ? char.ToLowerInvariant(p[0]) + p[1..] : p));
    }

    private static string Line(string zeroBased) => int.TryParse(zeroBased, out int n) ? $", line {n + 1}" : "";

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped to any \.NET member contained in type '[^']*'\.?")]
    private static partial Regex JsonUnmapped();

    [GeneratedRegex(@"The JSON value could not be converted to ([\w.\[\]`]+)\. Path: (\$[^ |]*)(?: \| LineNumber: (\d+))?[^.]*\.?")]
    private static partial Regex JsonConvert();

    [GeneratedRegex(@" ?Path: (\$[^ |]*)(?: \| LineNumber: (\d+))?(?: \| BytePositionInLine: \d+)?\.?")]
    private static partial Regex JsonTail();

    [GeneratedRegex(@"(?<![/\\\w.-])System(\.[A-Z]\w*)+(`1\[[\w.]*\])?(\[\])?")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"'?(?<![/\\\w.-])HftScalper(\.[A-Z]\w*){2,}'?")]
    private static partial Regex ProjectType();
}
