using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// A return regressor served beside the direction model: the inference stage predicts each batch's rows with it into
/// the decision ring's return slots (the session's IoBinding buffers: no allocation per call), and the strategy
/// reads the value as the decision's expected move. Only a regressor whose target is in basis points of the mid
/// (<c>hft.return_unit</c> = <c>bps</c>) is accepted: a move in the symbol's price units (older regressors) cannot be
/// compared with costs in bps.
/// </summary>
public sealed class ReturnModelSource : IDisposable
{
    private readonly ModelSession _session;

    /// <summary>Serves <paramref name="session"/>, loaded as a <see cref="ModelRole.Return"/> model with a bps target.</summary>
    public ReturnModelSource(ModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!IsUsable(session, out var why)) throw new ArgumentException(why, nameof(session));
        _session = session;
    }

    /// <summary>The served session.</summary>
    public ModelSession Session => _session;

    /// <summary>Largest batch one call accepts.</summary>
    public int MaxBatch => _session.MaxBatch;

    /// <summary>True when <paramref name="session"/> is a return regressor in bps; else <paramref name="why"/> says
    /// why not, in one sentence.</summary>
    public static bool IsUsable(ModelSession session, out string why)
    {
        ArgumentNullException.ThrowIfNull(session);
        why = "";
        if (session.Role != ModelRole.Return || session.OutputWidth != 1)
            why = $"model {session.Metadata.Name} was loaded as {session.Role}, not as a return regressor";
        else if (session.Metadata.ReturnUnit != ModelMetadata.ReturnUnitBps)
            why = $"return regressor {session.Metadata.Name} predicts '{session.Contract.Return?.Target}' in {session.Metadata.ReturnUnit ?? "price units (ticks)"}, not bps of the mid (hft.return_unit = bps): retrain it with hft train";
        return why.Length == 0;
    }

    /// <summary>Predicts <paramref name="batch"/> rows of <paramref name="rowWidth"/> features into
    /// <paramref name="values"/> (one per row), in chunks of the session's batch limit; where a chunk fails (or the
    /// row width does not fit) writes NaN, and the strategy falls back to the class means. Returns true when every
    /// value is finite. Allocation-free.</summary>
    public bool Predict(ReadOnlySpan<float> rows, int batch, int rowWidth, Span<float> values) => Predict(rows, default, batch, rowWidth, values);

    /// <summary>As <see cref="Predict(ReadOnlySpan{float}, int, int, Span{float})"/> with each row's key (its symbol,
    /// whose previous row an incremental tree evaluator compares it with; empty = none). The values do not depend on
    /// the keys.</summary>
    public bool Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, Span<float> values)
    {
        if (rowWidth != _session.RowLength)
        {
            values[..batch].Fill(float.NaN);
            return false;
        }
        bool ok = true;
        for (int start = 0; start < batch; start += _session.MaxBatch)
        {
            int n = Math.Min(_session.MaxBatch, batch - start);
            var part = values.Slice(start, n);
            if (_session.Predict(rows.Slice(start * rowWidth, n * rowWidth), keys.IsEmpty ? default : keys.Slice(start, n), n, part) == PredictStatus.Ok) continue;
            part.Fill(float.NaN);
            ok = false;
        }
        return ok;
    }

    /// <summary>Releases the session.</summary>
    public void Dispose() => _session.Dispose();
}
