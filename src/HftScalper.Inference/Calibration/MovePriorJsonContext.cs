using System.Text.Json.Serialization;

namespace HftScalper.Inference.Calibration;

/// <summary>
/// Source-generated JSON of <see cref="MovePriorOptions"/> (the <c>hft.move_prior</c> metadata key): camelCase keys,
/// the options the reflection-based serializer used before, so the text is unchanged; no reflection (Native AOT).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MovePriorOptions))]
internal sealed partial class MovePriorJsonContext : JsonSerializerContext;
