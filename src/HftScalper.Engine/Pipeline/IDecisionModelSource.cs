using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// What the inference stage calls: the live model (behind hot reload) or nothing. Implementations lease the model
/// for the duration of one call so a swap never disposes a session in use.
/// </summary>
public interface IDecisionModelSource
{
    /// <summary>True while a model is loaded.</summary>
    bool HasModel { get; }

    /// <summary>Largest batch one call accepts (at least 1).</summary>
    int MaxBatch { get; }

    /// <summary>The live sequence model's <see cref="ISequenceRowServer.WarmupNs"/> (0 without one): how long a
    /// symbol may rightly stay warming; the inference stage reports a symbol warming far longer.</summary>
    long SequenceWarmupNs => 0;

    /// <summary>
    /// Predicts <paramref name="batch"/> rows of <paramref name="rowWidth"/> features into score rows of
    /// <paramref name="scoreWidth"/> floats. Returns <see cref="DecisionModelStatus.Ok"/> only when every score is finite, <see cref="DecisionModelStatus.NoModel"/>
    /// when no model is loaded, else <see cref="DecisionModelStatus.Failed"/>. Called from the inference thread only.
    /// </summary>
    DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth);

    /// <summary>
    /// Like <see cref="Predict(ReadOnlySpan{float}, int, Span{float}, int, int)"/> with each row's
    /// <see cref="SequenceRowKey"/> (symbol, time, restart, synced): what a stateful sequence model needs. A sequence
    /// model sets <paramref name="warming"/>[i] for a row whose symbol's history is still filling (no prediction: the
    /// row's status is <see cref="DecisionModelStatus.Warming"/> whatever the batch's); the status returned covers the
    /// other rows. The inference stage calls this one; a source of tabular models ignores the keys and warms nothing
    /// (the default).
    /// </summary>
    DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        warming[..batch].Clear();
        return Predict(rows, batch, scores, rowWidth, scoreWidth);
    }
}
