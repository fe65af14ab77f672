using System.Runtime.CompilerServices;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Schema;
using HftScalper.Inference.Lifecycle;
using Microsoft.Extensions.Logging;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// Per-symbol models that graduate (<c>--adapt --adapt-per-symbol</c>): every symbol that decides on a synced book gets
/// its own models folder and registry (<c>symbols/NAME/</c>), whose live model starts as the shared one (transfer: a
/// symbol with no data of its own is served by the model trained on others), and its own <see cref="AdaptationLoop"/>
/// pinned to it:
/// <code>
///  decision of symbol s --> loop[s]: window of s, loss-drift test on s, shadow of s (candidate vs s's live model)
///                              |  retrain on s's own recent data (the shared hft-adapt worker, one job at a time)
///                              v
///  lifecycle[s]: shared start --paired-test rule on s's decisions--> s's own model (graduated) --probation--> kept / rolled back
/// </code>
/// So a symbol graduates to its own retrained model only when that model beat the one serving it (the shared one, at
/// first) on the same decisions of that symbol, and each symbol's promotion is rolled back independently. The
/// pipeline serves each symbol from its lifecycle's host (<see cref="SymbolHostModelSource"/>). All loops follow the
/// same exchange-time clock and, in replay, wait for the shared worker instead of skipping, so the same input gives the
/// same swaps and digest. Symbols past <see cref="MaxSymbols"/> stay on the shared model.
/// </summary>
public sealed class SymbolAdaptation : IDecisionFollower, IDisposable
{
    private readonly Func<int, string?> _nameOf;
    private readonly Func<int, string, ModelLifecycle> _open;
    private readonly SymbolHostModelSource _models;
    private readonly FeatureSchema _schema;
    private readonly AdaptationOptions _options;
    private readonly ILogger _logger;
    private readonly AdaptWorker _worker;
    private readonly AdaptedSymbol?[] _byId;
    private readonly bool[] _refused;
    private AdaptedSymbol[] _symbols = [];
    private readonly int _classes;
    private long _originNs = long.MinValue;

    /// <summary>
    /// Adapts one model per symbol. <paramref name="nameOf"/> names a symbol id (null: not known yet);
    /// <paramref name="open"/> creates a symbol's lifecycle over its own folder with the shared model promoted as its
    /// start; <paramref name="models"/> is the pipeline's model source, told which host serves each symbol.
    /// </summary>
    public SymbolAdaptation(Func<int, string?> nameOf, Func<int, string, ModelLifecycle> open, SymbolHostModelSource models, FeatureSchema schema,
        AdaptationOptions options, ILogger logger, int maxSymbols = 8, int classes = 3)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSymbols);
        _nameOf = nameOf;
        _open = open;
        _models = models;
        _schema = schema;
        _options = options with { PinnedSymbol = null, ScoreShadow = true, FollowSilenceNs = 0 };
        _logger = logger;
        _classes = classes;
        MaxSymbols = Math.Min(maxSymbols, models.MaxSymbols);
        _byId = new AdaptedSymbol?[models.MaxSymbols];
        _refused = new bool[models.MaxSymbols];
        // One worker for every symbol: one retrain at a time whatever the number of symbols (the CPU bound). Live, its
        // periodic step runs every symbol's health check (promotion, probation, rollback) off the pipeline's thread.
        _worker = new AdaptWorker(options.WaitForTrainer ? null : CheckAll,
            e => _logger.LogError(e, "Adaptation worker: a job failed ({Type}: {Message}); the loop goes on", e.GetType().Name, e.Message),
            options.WorkerNice);
    }

    /// <summary>Most symbols given their own model (later ones stay on the shared model).</summary>
    public int MaxSymbols { get; }

    /// <summary>The symbols adapted so far, in the order they first decided.</summary>
    public IReadOnlyList<AdaptedSymbol> Symbols => Volatile.Read(ref _symbols);

    /// <summary>Symbols that decided after <see cref="MaxSymbols"/> were taken (each counted once; they stay on the shared model).</summary>
    public long SymbolsRefused { get; private set; }

    /// <summary>The shared <c>hft-adapt</c> worker (its nice value, its largest job).</summary>
    public AdaptWorker Worker => _worker;

    /// <inheritdoc />
    public void OnFirstEvent(long exchangeTimeNs)
    {
        if (_originNs != long.MinValue) return;
        _originNs = exchangeTimeNs;
        foreach (var s in Symbols) s.Loop.OnFirstEvent(exchangeTimeNs); // adopted before the run started
    }

    /// <inheritdoc />
    public void OnDecision(in FollowedDecision decision, ReadOnlySpan<float> row, ReadOnlySpan<float> scores)
    {
        if (_originNs == long.MinValue) OnFirstEvent(decision.ExchangeTimeNs);
        int id = decision.SymbolId;
        if ((uint)id >= (uint)_byId.Length) return;
        var s = _byId[id];
        if (s is null)
        {
            if (!decision.BookSynced || _refused[id]) return;
            s = Add(id, decision.ExchangeTimeNs);
            if (s is null) return;
        }
        s.Loop.OnDecision(decision, row, scores);
    }

    /// <summary>Gives <paramref name="symbolId"/> its lifecycle and loop now rather than at its first synced decision
    /// (loading its model off the run: e.g. before a live feed starts, or a benchmark); null when refused. Idempotent.</summary>
    public AdaptedSymbol? Adopt(int symbolId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symbolId, _byId.Length);
        return _byId[symbolId] ?? (_refused[symbolId] ? null : Add(symbolId, _originNs));
    }

    /// <summary>Stops the shared worker at the end of a run (see <see cref="AdaptationLoop.Shutdown"/>).</summary>
    public bool Shutdown(TimeSpan bound) => _worker.Stop(bound);

    /// <summary>Disposes the loops, the worker and every symbol's lifecycle.</summary>
    public void Dispose()
    {
        foreach (var s in Symbols) s.Loop.Dispose();
        _worker.Dispose();
        foreach (var s in Symbols) s.Lifecycle.Dispose();
    }

    // A symbol's first synced decision: its folder, its lifecycle serving the shared model, its loop. Rare: allocates.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private AdaptedSymbol? Add(int id, long t)
    {
        if (_symbols.Length >= MaxSymbols)
        {
            _refused[id] = true;
            SymbolsRefused++;
            _logger.LogWarning("Per-symbol adaptation: symbol {Id} decides but {Max} symbols have their own model already; it stays on the shared model", id, MaxSymbols);
            return null;
        }
        string name = _nameOf(id) ?? $"symbol{id}";
        var lifecycle = _open(id, name);
        var start = lifecycle.Host.Current ?? throw new InvalidOperationException($"per-symbol adaptation: {name}'s lifecycle serves no model");
        var loop = new AdaptationLoop(lifecycle, _schema, _options with { PinnedSymbol = id }, _logger, _classes, _worker);
        if (_originNs != long.MinValue) loop.OnFirstEvent(_originNs);
        // Transfer by pooling: the other symbols' recent samples, copied on this thread (their windows are written here).
        // Transfer by warm start: the shared model as this symbol's folder holds it (its start), fine-tuned on the worker.
        if (_options.Transfer == TransferMode.WarmStart) loop.WarmStartBase = start.SourcePath;
        loop.Donors = (now, span) => [.. Symbols.Where(o => o.Id != id && o.Loop.WindowRows > 0).Select(o => o.Loop.SnapshotWindow(now, span))];
        var s = new AdaptedSymbol(id, name, lifecycle, loop, start.Sha256, _originNs == long.MinValue ? 0 : Math.Round((t - _originNs) / 1e9, 3));
        _byId[id] = s;
        Volatile.Write(ref _symbols, [.. _symbols, s]);
        _models.Attach(id, lifecycle.Host);
        _logger.LogInformation("Per-symbol adaptation: {Symbol} starts from the shared model {Model} in {Dir}", name, start.Metadata.Name, lifecycle.Registry.Directory);
        return s;
    }

    private void CheckAll()
    {
        foreach (var s in Symbols) s.Lifecycle.CheckHealth();
    }
}
