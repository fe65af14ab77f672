using System.Runtime.CompilerServices;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Per-symbol live models that change during the run (<c>--adapt-per-symbol</c>): each symbol id may have its own
/// <see cref="ModelHost"/> (its lifecycle's live model, swapped by promotion and rollback), every other symbol is
/// served by the shared host. Hosts are attached with <see cref="Attach"/> from the adaptation loop's thread (a
/// volatile slot per id; a row served before its symbol's host is attached goes to the shared host, which serves the
/// same start model). A batch is served in runs of consecutive rows of one host, each host leased for its run (a swap
/// never disposes a session in use); no lock or allocation per row. Tabular models only: a sequence model's
/// per-symbol state needs every row of its symbol, so it is served whole by the shared host. One inference thread.
/// </summary>
public sealed class SymbolHostModelSource : IDecisionModelSource
{
    private readonly ModelHost _shared;
    private readonly HostedModelSource _sharedOnly;
    private readonly ModelHost?[] _bySymbol;
    private readonly long[] _rows;

    /// <summary>Serves <paramref name="shared"/> for every symbol until <see cref="Attach"/> gives one its own host
    /// (ids below <paramref name="maxSymbols"/>).</summary>
    public SymbolHostModelSource(ModelHost shared, int maxSymbols = 1024, int maxBatch = 32)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSymbols);
        _shared = shared;
        _sharedOnly = new HostedModelSource(shared, maxBatch);
        _bySymbol = new ModelHost?[maxSymbols];
        _rows = new long[maxSymbols + 1];
    }

    /// <summary>True when <paramref name="session"/> can serve per symbol here (a tabular model; a sequence model cannot).</summary>
    public static bool CanServe(Inference.Serving.ModelSession session) => !SequenceModelRows.Serves(session);

    /// <summary>Most symbol ids that can have their own host.</summary>
    public int MaxSymbols => _bySymbol.Length;

    /// <summary>Serves <paramref name="symbolId"/> from <paramref name="host"/> from the next batch on (any thread).</summary>
    public void Attach(int symbolId, ModelHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(symbolId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symbolId, _bySymbol.Length);
        Volatile.Write(ref _bySymbol[symbolId], host);
    }

    /// <summary>The host serving <paramref name="symbolId"/> now (the shared one when it has none of its own).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ModelHost HostOf(int symbolId) => (uint)symbolId < (uint)_bySymbol.Length ? Volatile.Read(ref _bySymbol[symbolId]) ?? _shared : _shared;

    /// <summary>Rows served by a symbol's own host (<paramref name="symbolId"/>), or by the shared host (-1).</summary>
    public long RowsServed(int symbolId) => Volatile.Read(ref _rows[symbolId < 0 || symbolId >= _bySymbol.Length ? _bySymbol.Length : symbolId]);

    /// <inheritdoc />
    public bool HasModel => _sharedOnly.HasModel;

    /// <inheritdoc />
    public int MaxBatch => _sharedOnly.MaxBatch;

    /// <inheritdoc />
    /// <remarks>Without row keys there is no symbol to route on: the shared host serves.</remarks>
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth) =>
        _sharedOnly.Predict(rows, batch, scores, rowWidth, scoreWidth);

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        {
            using var sharedLease = _shared.Acquire();
            if (sharedLease.Model is null || SequenceModelRows.Serves(sharedLease.Model.Session))
                return _sharedOnly.Predict(rows, keys, batch, scores, rowWidth, scoreWidth, warming);
        }
        warming[..batch].Clear();
        var status = DecisionModelStatus.Ok;
        for (int start = 0; start < batch;)
        {
            var host = HostOf(keys[start].SymbolId);
            int end = start + 1;
            while (end < batch && HostOf(keys[end].SymbolId) == host) end++;
            int n = end - start;
            using var lease = host.Acquire();
            var model = lease.Model;
            var s = model is null || SequenceModelRows.Serves(model.Session) ? DecisionModelStatus.NoModel
                : HostedModelSource.Tabular(model, rows.Slice(start * rowWidth, n * rowWidth), keys.Slice(start, n), n, scores.Slice(start * scoreWidth, n * scoreWidth), rowWidth, scoreWidth);
            if (s != DecisionModelStatus.Ok) status = s;
            int slot = host == _shared ? _bySymbol.Length : keys[start].SymbolId;
            Volatile.Write(ref _rows[slot], _rows[slot] + n);
            start = end;
        }
        return status;
    }
}
