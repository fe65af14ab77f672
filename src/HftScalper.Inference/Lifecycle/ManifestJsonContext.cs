using System.Text.Json.Serialization;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Source-generated JSON of <see cref="ModelManifest"/> (<c>manifest.json</c>): indented, camelCase, nulls written,
/// the options the reflection-based serializer used before, so the file is unchanged; no reflection (Native AOT).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
