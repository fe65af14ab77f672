namespace HftScalper.Inference.Sequence;

/// <summary>
/// What scores the windows <see cref="WindowServer"/> cuts: how a snapshot is kept in the ring and how a batch of
/// gathered windows becomes scores. Two implementations: <see cref="OrtWindowEvaluator"/> (raw rows, one ONNX Runtime
/// run per micro-batch through the session's IoBinding) and <see cref="CompiledWindowEvaluator"/> (each snapshot
/// encoded once as it arrives, windows by <see cref="CompiledTransformer"/>). Both allocation-free per call.
/// </summary>
internal interface IWindowEvaluator
{
    /// <summary>Floats kept per snapshot in the ring.</summary>
    int SnapshotWidth { get; }

    /// <summary>Windows per run, at most.</summary>
    int MaxBatch { get; }

    /// <summary>Score columns per window (canonical order for a direction model).</summary>
    int OutputWidth { get; }

    /// <summary>Writes one raw row (the model's features, finite) as the ring keeps it.</summary>
    void Encode(ReadOnlySpan<float> row, Span<float> snapshot);

    /// <summary>Where window <paramref name="slot"/> of the next run is gathered: <c>T x</c> <see cref="SnapshotWidth"/> floats, oldest first.</summary>
    Span<float> Staging(int slot);

    /// <summary>Scores the first <paramref name="batch"/> staged windows into <paramref name="scores"/> (<c>batch x</c>
    /// <see cref="OutputWidth"/>); false when the run failed or a score is not finite.</summary>
    bool Run(int batch, Span<float> scores);
}
