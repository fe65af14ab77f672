using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Runs an LSTM direction session over decision-ring rows one step per row (<see cref="LstmRowServer"/>: h/c per
/// symbol, restarts on the keys' resync/gap flags): the sequence counterpart of <see cref="ModelRows"/>, which refuses
/// a sequence session (its rows are T*F wide, the ring's F). Allocation-free.
/// </summary>
internal static class LstmModelRows
{
    /// <summary>True when <paramref name="session"/> serves decisions through its LSTM step.</summary>
    public static bool Serves(ModelSession session) => session.LstmSteps is not null;

    /// <summary>Steps <paramref name="batch"/> rows with their <paramref name="keys"/>; scores land at their row positions.</summary>
    public static DecisionModelStatus Predict(ModelSession session, ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        var steps = session.LstmSteps;
        if (steps is null || steps.Inputs != rowWidth || steps.OutputWidth > scoreWidth) return DecisionModelStatus.Failed;
        return steps.Serve(rows, keys, batch, rowWidth, scores, scoreWidth) ? DecisionModelStatus.Ok : DecisionModelStatus.Failed;
    }
}
