using HftScalper.Inference.Contracts;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// A fixed <see cref="ModelSession"/> (or none) as the inference stage's model: for backtests with one model file.
/// Hot reload uses the lifecycle host instead.
/// </summary>
public sealed class SingleModelSource : IDecisionModelSource
{
    private readonly ModelSession? _session;

    /// <summary>
    /// Serves <paramref name="session"/>, which must have been loaded as a <see cref="ModelRole.Direction"/> model;
    /// null = no model (every decision uses the fallback).
    /// </summary>
    public SingleModelSource(ModelSession? session)
    {
        if (session is not null && session.Role != ModelRole.Direction)
            throw new ArgumentException($"model {session.Metadata.Name} v{session.Metadata.Version} was loaded as {session.Role}; decisions need a {ModelRole.Direction} model", nameof(session));
        _session = session;
        // A new run starts from zero sequence state (a session may serve several runs one after the other).
        _session?.SequenceRows?.ResetAll();
    }

    /// <inheritdoc />
    public bool HasModel => _session is not null;

    /// <inheritdoc />
    public int MaxBatch => _session?.MaxBatch ?? 1;

    /// <inheritdoc />
    public long SequenceWarmupNs => _session?.SequenceRows?.WarmupNs ?? 0;

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        if (_session is null) return DecisionModelStatus.NoModel;
        return ModelRows.Predict(_session, rows, default, batch, scores, rowWidth, scoreWidth);
    }

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        warming[..batch].Clear();
        if (_session is null) return DecisionModelStatus.NoModel;
        return SequenceModelRows.Serves(_session)
            ? SequenceModelRows.Predict(_session, rows, keys, batch, scores, rowWidth, scoreWidth, warming)
            : ModelRows.Predict(_session, rows, keys, batch, scores, rowWidth, scoreWidth);
    }
}
