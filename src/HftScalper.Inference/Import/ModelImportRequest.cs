namespace HftScalper.Inference.Import;

/// <summary>What <see cref="ModelImporter.Prepare"/> is told about a model trained elsewhere.</summary>
public sealed record ModelImportRequest
{
    /// <summary>The ONNX file to import (read only; never changed).</summary>
    public required string SourcePath { get; init; }

    /// <summary>The feature columns the model was trained on, in input order (from <c>--features</c>), or null.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>Where <see cref="FeatureNames"/> came from, for messages (e.g. the list or Parquet file name).</summary>
    public string FeatureSource { get; init; } = "the feature list";

    /// <summary>The feature schema hash the model was trained on (<c>--schema</c>, full or a prefix of at least 8 hex digits), or null.</summary>
    public string? SchemaHash { get; init; }

    /// <summary>What stated <see cref="SchemaHash"/>, for messages (<c>--schema</c>, or a Parquet file's <c>hft.feature_schema_hash</c>).</summary>
    public string SchemaHashSource { get; init; } = "--schema";

    /// <summary>Model name for the metadata (default: the source file's name without extension).</summary>
    public string? Name { get; init; }

    /// <summary>Model version for the metadata (default: <c>imported-</c> + the first 12 hex digits of the source's SHA-256).</summary>
    public string? Version { get; init; }

    /// <summary>Prediction horizon the model was trained for (metadata <c>hft.horizon_ms</c>).</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Class of each probability column, in output order (any order of down, flat, up).</summary>
    public IReadOnlyList<string> Classes { get; init; } = ["down", "flat", "up"];

    /// <summary>The probability output tensor; null = the only float <c>[batch,3]</c> output.</summary>
    public string? OutputTensor { get; init; }

    /// <summary>One feature row to run the model on once (null or empty: a row of zeros).</summary>
    public float[]? SampleRow { get; init; }

    /// <summary>Where <see cref="SampleRow"/> came from, for the report.</summary>
    public string SampleSource { get; init; } = "zeros";
}
