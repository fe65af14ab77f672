using System.Text.Json.Serialization;

namespace HftScalper.Inference.Metadata;

/// <summary>
/// Source-generated (de)serializers for the JSON values inside the model metadata and the feature list files: the
/// default options, so the text is what the reflection-based serializer wrote before, byte for byte. No reflection:
/// the parser runs in the Native AOT build (bench/README).
/// </summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(OutputHeadJson[]))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;

#pragma warning disable IDE1006, CA1812 // JSON shape of one hft.outputs entry (lower-case members, created by the serializer).
/// <summary>One entry of the <c>hft.outputs</c> metadata key.</summary>
internal sealed record OutputHeadJson(string? tensor, string? kind, string[]? names);
#pragma warning restore IDE1006, CA1812
