using HftScalper.Inference.Contracts;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Runs a direction <see cref="ModelSession"/> over decision-ring rows: the session serves each row through its
/// <see cref="DirectionContract"/> in canonical order (down, flat, up), so score rows mean the same whatever the
/// model's own class order. A session loaded for another role is refused (no stale or misread columns).
/// </summary>
internal static class ModelRows
{
    /// <summary>As the keyed overload for rows of no symbol.</summary>
    public static DecisionModelStatus Predict(ModelSession session, ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth) =>
        Predict(session, rows, default, batch, scores, rowWidth, scoreWidth);

    /// <summary>
    /// Predicts <paramref name="batch"/> rows. The ring's rows and score rows are at least as wide as the model's
    /// input and output (checked when the model is accepted); when the score row is wider, model scores are
    /// spread to their row positions. Row i's key (<paramref name="keys"/>, empty = none) names its symbol, whose previous
    /// row an incremental tree evaluator compares it with. Allocation-free.
    /// </summary>
    public static DecisionModelStatus Predict(ModelSession session, ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        if (session.Role != ModelRole.Direction || session.RowLength != rowWidth || session.OutputWidth > scoreWidth) return DecisionModelStatus.Failed;
        int width = session.OutputWidth;
        if (width == scoreWidth)
            return session.Predict(rows, keys, batch, scores) == PredictStatus.Ok ? DecisionModelStatus.Ok : DecisionModelStatus.Failed;
        // Narrower outputs: predict compactly into the front, then move rows back to front so none is overwritten.
        var status = session.Predict(rows, keys, batch, scores);
        for (int r = batch - 1; r >= 1; r--) scores.Slice(r * width, width).CopyTo(scores.Slice(r * scoreWidth, width));
        return status == PredictStatus.Ok ? DecisionModelStatus.Ok : DecisionModelStatus.Failed;
    }
}
