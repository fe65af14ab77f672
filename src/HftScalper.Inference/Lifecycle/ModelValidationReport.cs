using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Lifecycle;

/// <summary>The verdict on one model file.</summary>
/// <param name="Path">The file checked.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes checked (empty when unreadable).</param>
/// <param name="Rejection"><see cref="ModelRejection.None"/> when the model passed.</param>
/// <param name="Message">One line: what passed, or exactly why it was refused.</param>
/// <param name="Metadata">The model's metadata when it could be read.</param>
/// <param name="CanaryRows">Rows the outputs were checked on.</param>
/// <param name="CanaryWasZeros">True when no recent real rows existed and a zero row was used instead (a weaker check).</param>
/// <param name="MedianLatencyMicros">Median single-row latency on the canary rows (0 when not measured).</param>
public sealed record ModelValidationReport(
    string Path,
    string Sha256,
    ModelRejection Rejection,
    string Message,
    ModelMetadata? Metadata,
    int CanaryRows,
    bool CanaryWasZeros,
    double MedianLatencyMicros)
{
    /// <summary>True when the model may serve.</summary>
    public bool Passed => Rejection == ModelRejection.None;
}
