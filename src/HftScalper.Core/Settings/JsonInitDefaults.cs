using System.Text.Json.Nodes;

namespace HftScalper.Core.Settings;

/// <summary>
/// Keeps "a member the JSON omits keeps its default" for settings records read with source-generated
/// <c>System.Text.Json</c> (the Native AOT build reads no JSON by reflection). The generator creates a record with
/// <c>init</c> properties in one object initializer and sets every member the JSON omits to <c>default(T)</c>, where the
/// reflection-based reader left the property's initializer in place (e.g. <c>KellyPriorTrades = 30</c> became 0).
/// Filling the omitted members from a default instance's JSON before reading restores the old result.
/// </summary>
public static class JsonInitDefaults
{
    /// <summary>
    /// Adds to <paramref name="target"/> every member of <paramref name="defaults"/> it lacks (names compared without
    /// case, as the settings readers bind them), and recurses where both hold an object. Never overwrites a value.
    /// </summary>
    public static void Fill(JsonObject target, JsonObject defaults)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(defaults);
        foreach (var (key, value) in defaults)
        {
            var existing = target.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase));
            if (existing.Key is null) target[key] = value?.DeepClone();
            else if (existing.Value is JsonObject inner && value is JsonObject innerDefaults) Fill(inner, innerDefaults);
        }
    }

    /// <summary>The object member named <paramref name="name"/> (without case), or null.</summary>
    public static JsonObject? Member(JsonObject owner, string name)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value as JsonObject;
    }
}
