using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The inference stage's model behind hot reload: each batch leases the <see cref="ModelHost"/>'s live model
/// (lock-free, no allocation), so a model dropped into the watched folder is swapped in between two batches and
/// the old session is disposed only after its last batch. No model, or a degraded one, routes to the fallback.
/// </summary>
public sealed class HostedModelSource(ModelHost host, int maxBatch = 32) : IDecisionModelSource
{
    /// <inheritdoc />
    public bool HasModel => host.Current is not null;

    /// <inheritdoc />
    public int MaxBatch { get; } = maxBatch > 0 ? maxBatch : throw new ArgumentOutOfRangeException(nameof(maxBatch));

    /// <inheritdoc />
    public long SequenceWarmupNs
    {
        get
        {
            using var lease = host.Acquire();
            return lease.Model?.Session.SequenceRows?.WarmupNs ?? 0;
        }
    }

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        using var lease = host.Acquire();
        var model = lease.Model;
        return model is null ? DecisionModelStatus.NoModel : Tabular(model, rows, default, batch, scores, rowWidth, scoreWidth);
    }

    internal static DecisionModelStatus Tabular(ServedModel model, ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        // A model built for smaller batches than the stage collects gets the batch in pieces.
        var status = DecisionModelStatus.Ok;
        for (int done = 0, max = model.Session.MaxBatch; done < batch && status == DecisionModelStatus.Ok; done += max)
        {
            int n = Math.Min(max, batch - done);
            status = ModelRows.Predict(model.Session, rows.Slice(done * rowWidth, n * rowWidth), keys.IsEmpty ? default : keys.Slice(done, n), n, scores.Slice(done * scoreWidth, n * scoreWidth), rowWidth, scoreWidth);
        }
        return status == DecisionModelStatus.Ok && model.IsDegraded ? DecisionModelStatus.Degraded : status;
    }

    /// <inheritdoc />
    /// <remarks>A sequence model serves through its per-symbol history; each swap serves a newly loaded session, so a
    /// swapped-in model starts from empty history (an LSTM from zero state, a transformer warming).</remarks>
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        using var lease = host.Acquire();
        var model = lease.Model;
        warming[..batch].Clear();
        if (model is null) return DecisionModelStatus.NoModel;
        if (!SequenceModelRows.Serves(model.Session)) return Tabular(model, rows, keys, batch, scores, rowWidth, scoreWidth);
        var status = SequenceModelRows.Predict(model.Session, rows, keys, batch, scores, rowWidth, scoreWidth, warming);
        return status == DecisionModelStatus.Ok && model.IsDegraded ? DecisionModelStatus.Degraded : status;
    }
}
