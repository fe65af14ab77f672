using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Per-symbol direction models with a shared default: a symbol named in the map is served by its own model, every
/// other symbol by the shared one. Symbols are matched by name the first time their id is seen (a recording
/// registers its symbols as it goes), then by id from an array: no lookup, lock or allocation per row. A batch is
/// served in runs of consecutive rows with the same model, each row's symbol read from its <see cref="SequenceRowKey"/>;
/// an LSTM model steps its per-symbol state with those keys, as <see cref="SingleModelSource"/> does. One inference thread.
/// </summary>
public sealed class SymbolModelSource : IDecisionModelSource
{
    private readonly ModelSession _shared;
    private readonly IReadOnlyDictionary<string, ModelSession> _bySymbol;
    private readonly SymbolRegistry _registry;
    private readonly ModelSession?[] _byId;

    /// <summary>
    /// Serves <paramref name="bySymbol"/> (symbol name, case-insensitive, to a direction model) and
    /// <paramref name="shared"/> for every other symbol of <paramref name="registry"/> (ids below <paramref name="maxSymbols"/>;
    /// higher ids use the shared model).
    /// </summary>
    public SymbolModelSource(ModelSession shared, IReadOnlyDictionary<string, ModelSession> bySymbol, SymbolRegistry registry, int maxSymbols = 1024)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(bySymbol);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSymbols);
        foreach (var (name, s) in bySymbol.Prepend(new("(shared)", shared)))
        {
            if (s.Role != ModelRole.Direction) throw new ArgumentException($"model for {name} was loaded as {s.Role}; decisions need a {ModelRole.Direction} model", nameof(bySymbol));
            if (s.RowLength != shared.RowLength) throw new ArgumentException($"model for {name} reads {s.RowLength} features, the shared model {shared.RowLength}", nameof(bySymbol));
        }
        _shared = shared;
        _bySymbol = new Dictionary<string, ModelSession>(bySymbol, StringComparer.OrdinalIgnoreCase);
        _registry = registry;
        _byId = new ModelSession?[maxSymbols];
        // A new run starts from zero sequence state (a session may serve several runs one after the other).
        foreach (var s in bySymbol.Values.Prepend(shared)) s.LstmSteps?.ResetAll();
    }

    /// <inheritdoc />
    public bool HasModel => true;

    /// <inheritdoc />
    public int MaxBatch => _shared.MaxBatch;

    /// <summary>The model serving symbol <paramref name="symbolId"/> (the shared one when it has none of its own).</summary>
    public ModelSession ModelOf(int symbolId)
    {
        if ((uint)symbolId >= (uint)_byId.Length) return _shared;
        return _byId[symbolId] ?? Resolve(symbolId);
    }

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth) =>
        Serve(_shared, rows, default, batch, scores, rowWidth, scoreWidth);

    /// <inheritdoc />
    /// <remarks>Row i is of symbol <c>keys[i].SymbolId</c>; a run of rows of one model is served by its sequence row
    /// server with the run's keys when it is a sequence model (LSTM or transformer), else by ONNX Runtime.
    /// <see cref="DecisionModelStatus.Ok"/> only when every row not warming was served and every score is finite.</remarks>
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        warming[..batch].Clear();
        var status = DecisionModelStatus.Ok;
        for (int start = 0; start < batch;)
        {
            var model = ModelOf(keys[start].SymbolId);
            int end = start + 1;
            while (end < batch && ModelOf(keys[end].SymbolId) == model) end++;
            int n = end - start;
            var runRows = rows.Slice(start * rowWidth, n * rowWidth);
            var runScores = scores.Slice(start * scoreWidth, n * scoreWidth);
            var s = SequenceModelRows.Serves(model)
                ? SequenceModelRows.Predict(model, runRows, keys.Slice(start, n), n, runScores, rowWidth, scoreWidth, warming.Slice(start, n))
                : Serve(model, runRows, keys.Slice(start, n), n, runScores, rowWidth, scoreWidth);
            if (s != DecisionModelStatus.Ok) status = s;
            start = end;
        }
        return status;
    }

    // A model built for smaller batches than the run gets the rows in pieces.
    private static DecisionModelStatus Serve(ModelSession model, ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        var status = DecisionModelStatus.Ok;
        for (int done = 0, max = model.MaxBatch; done < batch && status == DecisionModelStatus.Ok; done += max)
        {
            int n = Math.Min(max, batch - done);
            status = ModelRows.Predict(model, rows.Slice(done * rowWidth, n * rowWidth), keys.IsEmpty ? default : keys.Slice(done, n), n, scores.Slice(done * scoreWidth, n * scoreWidth), rowWidth, scoreWidth);
        }
        return status;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ModelSession Resolve(int symbolId)
    {
        if (symbolId >= _registry.Count) return _shared; // not registered yet: ask again next time
        var model = _bySymbol.TryGetValue(_registry[symbolId].Name, out var own) ? own : _shared;
        _byId[symbolId] = model;
        return model;
    }
}
