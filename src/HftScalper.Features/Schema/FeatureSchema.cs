using System.Security.Cryptography;
using System.Text;

namespace HftScalper.Features.Schema;

/// <summary>
/// The ordered list of features a model consumes, with a version and a hash of the definition. A model records the
/// hash it was trained on; the engine refuses a model whose hash differs from its own schema, naming the difference.
/// </summary>
public sealed class FeatureSchema
{
    private readonly FeatureDefinition[] _features;

    /// <summary>Creates a schema. Names must be unique and non-empty. <paramref name="extension"/> names an opt-in block
    /// and its version (e.g. <c>cross-symbol v1</c>); it enters the hash only when given, so schemas without one keep
    /// their hash.</summary>
    public FeatureSchema(int version, IEnumerable<FeatureDefinition> features, string? extension = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = [.. features];
        if (_features.Length == 0) throw new ArgumentException("a schema needs at least one feature", nameof(features));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _features)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(f.Name);
            if (f.Name.Contains('|') || f.Name.Contains('\n')) throw new ArgumentException($"feature name '{f.Name}' has a reserved character");
            if (!seen.Add(f.Name)) throw new ArgumentException($"duplicate feature name '{f.Name}'");
        }
        Version = version;
        Extension = extension;
        Hash = ComputeHash(version, extension, _features);
    }

    /// <summary>The opt-in block this schema adds to the built-in columns (e.g. <c>cross-symbol v1</c>), or null.</summary>
    public string? Extension { get; }

    /// <summary>Schema version (bump when a feature's computation changes without a rename).</summary>
    public int Version { get; }

    /// <summary>Lower-case hex SHA-256 over the version and the ordered (name, unit) pairs.</summary>
    public string Hash { get; }

    /// <summary>Number of features (the length of a feature vector).</summary>
    public int Count => _features.Length;

    /// <summary>The features in vector order.</summary>
    public IReadOnlyList<FeatureDefinition> Features => _features;

    /// <summary>Index of a feature by name, or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(_features, f => f.Name == name);

    /// <summary>
    /// Describes how <paramref name="names"/> (what a model was trained on) differs from this schema, or returns
    /// null when they are identical in order.
    /// </summary>
    public string? DescribeDifference(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var mine = _features.Select(f => f.Name).ToArray();
        var missing = mine.Except(names).ToArray();
        var extra = names.Except(mine).ToArray();
        var parts = new List<string>();
        if (missing.Length > 0) parts.Add($"model lacks [{string.Join(", ", missing)}]");
        if (extra.Length > 0) parts.Add($"model has unknown [{string.Join(", ", extra)}]");
        if (parts.Count == 0)
        {
            for (int i = 0; i < mine.Length; i++)
                if (mine[i] != names[i]) { parts.Add($"order differs at {i}: engine '{mine[i]}', model '{names[i]}'"); break; }
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string ComputeHash(int version, string? extension, FeatureDefinition[] features)
    {
        var sb = new StringBuilder().Append("hft-feature-schema|").Append(version).Append('\n');
        if (extension is not null) sb.Append("extension|").Append(extension).Append('\n');
        foreach (var f in features) sb.Append(f.Name).Append('|').Append(f.Unit).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
