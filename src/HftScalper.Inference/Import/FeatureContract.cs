using HftScalper.Features.Schema;

namespace HftScalper.Inference.Import;

/// <summary>
/// The feature contract a model trained elsewhere must meet (docs/model-contract.md): one float32 row of the engine's
/// <see cref="FeatureSchema"/> columns, in schema order. Compares a stated column list with it, column by column.
/// </summary>
public static class FeatureContract
{
    /// <summary>
    /// Null when <paramref name="names"/> are the schema's columns in the schema's order; otherwise one line naming the
    /// first differing column (0-based, the index in the input row), e.g.
    /// <c>column 5 is 'ofi_norm_mid' in features.txt but 'ofi_norm_fast' (ratio) in the engine's contract</c>.
    /// </summary>
    public static string? FirstDifference(FeatureSchema schema, IReadOnlyList<string> names, string source)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(names);
        var engine = schema.Features;
        int common = Math.Min(engine.Count, names.Count);
        for (int i = 0; i < common; i++)
            if (!string.Equals(names[i], engine[i].Name, StringComparison.Ordinal))
                return $"column {i} is '{names[i]}' in {source} but '{engine[i].Name}' ({engine[i].Unit}) in the engine's contract" +
                    (schema.IndexOf(names[i]) is var at and >= 0 ? $" (where '{names[i]}' is column {at})" : " (which has no such column)");
        if (names.Count == engine.Count) return null;
        return names.Count < engine.Count
            ? $"{source} has {names.Count} columns, the engine's contract {engine.Count}: column {common} '{engine[common].Name}' and after are missing"
            : $"{source} has {names.Count} columns, the engine's contract {engine.Count}: column {common} '{names[common]}' and after are extra";
    }

    /// <summary>
    /// Parses a feature list: a JSON array of names, or one name per line (commas also separate; blank lines and
    /// <c>#</c> comments are ignored; surrounding quotes and spaces are trimmed).
    /// </summary>
    public static IReadOnlyList<string> ParseNames(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith('['))
        {
            try { return System.Text.Json.JsonSerializer.Deserialize(t, Metadata.MetadataJsonContext.Default.StringArray) ?? []; }
            catch (System.Text.Json.JsonException e) { throw new FormatException($"not a JSON array of names ({e.Message})", e); }
        }
        var names = new List<string>();
        foreach (var raw in t.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            foreach (var part in line.Split(','))
            {
                var name = part.Trim().Trim('"', '\'').Trim();
                if (name.Length > 0) names.Add(name);
            }
        }
        return names;
    }
}
