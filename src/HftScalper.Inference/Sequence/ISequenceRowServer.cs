namespace HftScalper.Inference.Sequence;

/// <summary>
/// The one seam through which a sequence model serves decision rows: each row comes with its
/// <see cref="SequenceRowKey"/> (symbol, time, restart, synced), and the server keeps whatever per-symbol history the
/// model needs (an LSTM's h/c, <see cref="LstmRowServer"/>; a transformer's window of snapshots,
/// <see cref="WindowRowServer"/>). The loader attaches one to a sequence session only after checking it against the
/// session's graph in ONNX Runtime; a new session (model swap) starts from empty history. Allocation-free per call once
/// a symbol has been seen; not thread-safe (the inference thread of the session that owns it).
/// </summary>
public interface ISequenceRowServer
{
    /// <summary>Features per row.</summary>
    int Inputs { get; }

    /// <summary>Score columns written per row (canonical direction order: down, flat, up).</summary>
    int OutputWidth { get; }

    /// <summary>Rows answered as warming so far (the symbol's history was too short for the model to predict).</summary>
    long WarmingRows { get; }

    /// <summary>Exchange time, ns, a symbol's history needs from empty to its first prediction on an active book
    /// (a window model: its span of sample rows on the sampling clock); 0 when the model predicts from the first row
    /// or its warm-up is not a matter of time. What the inference stage's warming-stall check measures against.</summary>
    long WarmupNs => 0;

    /// <summary>
    /// Serves <paramref name="batch"/> rows (<paramref name="rowWidth"/> floats apart) with their keys, writing
    /// <see cref="OutputWidth"/> scores per row at <paramref name="scoreWidth"/> apart, in row order. A row whose
    /// symbol's history is still filling (after a start, gap, resync or swap) gets <paramref name="warming"/>[i] true
    /// and NaN scores: the model has no prediction for it, which is not a failure. Returns true when every row that is
    /// not warming got finite scores.
    /// </summary>
    bool Serve(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, Span<float> scores, int scoreWidth, Span<bool> warming);

    /// <summary>Empties every symbol's history (the session's model changed or a new run starts).</summary>
    void ResetAll();
}
