using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Runs a sequence direction session over decision-ring rows with their keys through its
/// <see cref="ISequenceRowServer"/> (an LSTM one step per row, a transformer from per-symbol windows; restarts on the
/// keys' resync/gap flags): the sequence counterpart of <see cref="ModelRows"/>, which refuses a sequence session (its
/// rows are T*F wide, the ring's F). Rows whose symbol's history is still filling come back warming. Allocation-free.
/// </summary>
internal static class SequenceModelRows
{
    /// <summary>True when <paramref name="session"/> serves decisions through a sequence server.</summary>
    public static bool Serves(ModelSession session) => session.SequenceRows is not null;

    /// <summary>Serves <paramref name="batch"/> rows with their <paramref name="keys"/>; scores land at their row
    /// positions and <paramref name="warming"/>[i] says row i got no prediction yet.</summary>
    public static DecisionModelStatus Predict(ModelSession session, ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch,
        Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        var server = session.SequenceRows;
        if (server is null || server.Inputs != rowWidth || server.OutputWidth > scoreWidth) return DecisionModelStatus.Failed;
        return server.Serve(rows, keys, batch, rowWidth, scores, scoreWidth, warming) ? DecisionModelStatus.Ok : DecisionModelStatus.Failed;
    }
}
