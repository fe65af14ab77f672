using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Sequence;

/// <summary>Windows of raw rows, gathered into the session's pinned input and run by ONNX Runtime as one micro-batch.</summary>
internal sealed class OrtWindowEvaluator(ModelSession session) : IWindowEvaluator
{
    private readonly int _f = session.RowLength / session.Metadata.SequenceLength;

    /// <inheritdoc />
    public int SnapshotWidth => _f;

    /// <inheritdoc />
    public int MaxBatch => session.MaxBatch;

    /// <inheritdoc />
    public int OutputWidth => session.OutputWidth;

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<float> row, Span<float> snapshot) => row[.._f].CopyTo(snapshot);

    /// <inheritdoc />
    public Span<float> Staging(int slot) => session.StagingRows(slot, 1);

    /// <inheritdoc />
    public bool Run(int batch, Span<float> scores) => session.PredictStaged(batch, scores) == PredictStatus.Ok;
}
