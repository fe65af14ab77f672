using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Disruptor;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Stage B: micro-batched inference. Consecutive decisions collect into one batch that is flushed at the end of
/// the ring batch (nothing more is waiting), when it reaches the model's batch limit, or at the decision ring's
/// wrap; so a stage that fell behind catches up with few large model calls and an idle one answers at once.
/// </summary>
internal sealed class InferenceStage
{
    private readonly EventSideBuffer _side;
    private readonly DecisionRing _decisions;
    private readonly IDecisionModelSource _models;
    private readonly ReturnModelSource? _returns;
    private readonly Online.OnlineStage? _online;
    private readonly MovePriorStage? _movePrior;
    private readonly bool[] _warming;
    private readonly WarmingStallWatch _stalls = new();
    private readonly IWarmingStallSink? _stallSink;
    private long _batchFirst = -1;
    private int _batchCount;

    /// <summary>A stage reading rows from <paramref name="decisions"/> and serving them with <paramref name="models"/>
    /// and, when given, the return regressor <paramref name="returns"/> (its expected move per row) and the online layer
    /// <paramref name="online"/> that drives decisions (its probabilities replace the model's before the strategy reads them);
    /// with <paramref name="movePrior"/>, each served row's P(move) is corrected per symbol first (<see cref="MovePriorStage"/>);
    /// <paramref name="stalls"/> hears each warming stall when it is detected (once per symbol streak).</summary>
    public InferenceStage(EventSideBuffer side, DecisionRing decisions, IDecisionModelSource models, ReturnModelSource? returns = null,
        Online.OnlineStage? online = null, MovePriorStage? movePrior = null, IWarmingStallSink? stalls = null)
    {
        _stallSink = stalls;
        _online = online;
        _movePrior = movePrior;
        _warming = new bool[Math.Max(models.MaxBatch, 1)];
        _side = side;
        _decisions = decisions;
        _models = models;
        _returns = returns;
    }

    /// <summary>Rows the return regressor failed on (NaN written: the strategy falls back to the class means).</summary>
    public long FailedReturnRows { get; private set; }

    /// <summary>Model calls made.</summary>
    public long Batches { get; private set; }

    /// <summary>Rows predicted.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows a sequence model answered as warming (its window of the row's symbol still filling): no prediction.</summary>
    public long WarmingRows { get; private set; }

    /// <summary>Of <see cref="WarmingRows"/>, rows whose book was not synced: the model keeps no history from them, so
    /// a symbol whose book never syncs (a recording without a depth snapshot) stays warming for good.</summary>
    public long WarmingUnsyncedRows { get; private set; }

    /// <summary>Symbols that stayed warming far longer than the model's warm-up (<see cref="WarmingStallWatch"/>).</summary>
    public WarmingStallWatch Stalls => _stalls;

    /// <summary>Rows whose probabilities the move-prior correction changed (0 without it).</summary>
    public long MovePriorRows => _movePrior?.CorrectedRows ?? 0;

    /// <summary>Rows the model failed on (error or non-finite output).</summary>
    public long FailedRows { get; private set; }

    /// <summary>Rows that found no model loaded.</summary>
    public long NoModelRows { get; private set; }

    /// <summary>Handles one event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(long sequence, bool endOfBatch)
    {
        long d = _side.DecisionOf(sequence);
        if (d >= 0)
        {
            if (_batchCount == 0) _batchFirst = d;
            _batchCount++;
            if (_batchCount >= _models.MaxBatch || _batchCount >= _decisions.ContiguousFrom(_batchFirst)) Flush();
        }
        if (endOfBatch && _batchCount > 0) Flush();
    }

    private void Flush()
    {
        int n = _batchCount;
        long first = _batchFirst;
        _batchCount = 0;
        // Every source gets each row's key (its symbol, time and restart flag): per-symbol and sequence models need them.
        var warming = _warming.AsSpan(0, n);
        warming.Clear();
        var outcome = _models.Predict(_decisions.Rows(first, n), _decisions.Keys(first, n), n, _decisions.ScoreRows(first, n), _decisions.RowWidth, _decisions.ScoreWidth, warming);
        // Warming rows have no prediction whatever the batch did (only a sequence model that served sets them).
        int warm = 0;
        if (outcome is DecisionModelStatus.Ok or DecisionModelStatus.Degraded)
        {
            foreach (bool w in warming)
                if (w) warm++;
        }
        else warming.Clear();
        if (outcome == DecisionModelStatus.Ok) { Batches++; Rows += n - warm; }
        else if (outcome == DecisionModelStatus.NoModel) NoModelRows += n;
        else FailedRows += n - warm;
        WarmingRows += warm;
        if (warm > 0 || _stalls.Active) WatchWarming(first, n, warming);
        if (_movePrior is not null && outcome is DecisionModelStatus.Ok or DecisionModelStatus.Degraded)
        {
            var scores = _decisions.ScoreRows(first, n);
            int width = _decisions.ScoreWidth;
            for (int i = 0; i < n; i++)
                if (!warming[i]) _movePrior.Apply(ref _decisions.Record(first + i), scores.Slice(i * width, width));
        }
        if (_online is not null)
            for (int i = 0; i < n; i++) _online.OnDecision(first + i, outcome == DecisionModelStatus.Ok && !warming[i]);
        var values = _decisions.Returns(first, n);
        if (_returns is null) values.Fill(float.NaN);
        else if (!_returns.Predict(_decisions.Rows(first, n), _decisions.Keys(first, n), n, _decisions.RowWidth, values)) FailedReturnRows += n;
        long done = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            ref var r = ref _decisions.Record(first + i);
            r.ModelStatus = warming[i] ? DecisionModelStatus.Warming : outcome;
            r.BatchSize = n;
            r.InferenceDoneTicks = done;
        }
    }

    // Off the common path (only while a sequence model warms): unsynced warming rows and stalls per symbol.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WatchWarming(long first, int n, ReadOnlySpan<bool> warming)
    {
        var keys = _decisions.Keys(first, n);
        long warmupNs = -1;
        for (int i = 0; i < n; i++)
        {
            if (warming[i])
            {
                if (!keys[i].BookSynced) WarmingUnsyncedRows++;
                if (warmupNs < 0) warmupNs = _models.SequenceWarmupNs;
            }
            if (_stalls.Observe(in keys[i], warming[i], Math.Max(warmupNs, 0)))
                _stallSink?.OnStall(keys[i].SymbolId, keys[i].TimeNs, _stalls.LastLimitNs, _stalls.LastUnsynced);
        }
    }

    /// <summary>The ring handler wrapping this stage (a struct, so the processor loop inlines it).</summary>
    public readonly struct Handler(InferenceStage stage) : IEventHandler<MarketEvent>
    {
        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) { }

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => stage.OnEvent(sequence, endOfBatch);
    }
}
