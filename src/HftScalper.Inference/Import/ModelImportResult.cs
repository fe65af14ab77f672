using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Import;

/// <summary>A model ready to be written into a models folder by <see cref="ModelImporter.Prepare"/>.</summary>
/// <param name="Model">The model with its <c>hft.*</c> metadata (a copy: the source file is not changed).</param>
/// <param name="Metadata">Its metadata (the source's own when it had ours).</param>
/// <param name="HadMetadata">True when the source already carried <c>hft.*</c> metadata.</param>
/// <param name="SourceSha256">SHA-256 of the source file.</param>
/// <param name="InputName">The graph's input tensor.</param>
/// <param name="SampleScores">What ONNX Runtime computed on the sample row, in the output's column order.</param>
/// <param name="ContractSource">How the feature columns were established (metadata, a list, a Parquet file, a schema hash).</param>
public sealed record ModelImportResult(
    ModelProto Model,
    ModelMetadata Metadata,
    bool HadMetadata,
    string SourceSha256,
    string InputName,
    IReadOnlyList<float> SampleScores,
    string ContractSource);
