using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Disruptor;
using HftScalper.Engine.Outcomes;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Lifecycle;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Shadow;

/// <summary>
/// Shadow/A-B consumer: runs the candidate on the decision rows the live model just scored and scores both against
/// the realised direction once the horizon has passed. It is a side consumer behind the inference stage, beside the
/// strategy, never before it:
/// <code>
///  producer ==ring==> A: book + features -> B: inference -+-> C: signal -> risk -> execution   (critical path)
///                                                         '-> S: shadow (candidate run, outcomes)  (its own thread)
/// </code>
/// Inline, the pipeline drives it after C on each publish, so the decision is taken before the candidate runs. It
/// reads the decision ring and writes only its own state, so live decisions are the same with or without it.
/// Consecutive rows the live model scored form one candidate batch (flushed at the ring batch's end, the batch limit,
/// a row the live model did not score, or the ring's wrap). Outcomes come from a <see cref="DirectionResolver"/> per
/// symbol fed with the decision mids, exactly as the run's own accuracy. No allocation per event after a symbol's
/// first decision.
/// </summary>
/// <remarks>
/// It stays in the engine although it never changes a decision: it is a stage of the ring (its own gating sequence
/// and thread, driven per event inline) that reads the engine's private structures, the side buffer and the decision
/// ring, whose wrap bounds its batches (<see cref="DecisionRing.ContiguousFrom"/>); moving it out would make those
/// structures a public extension point. What it reports (<see cref="ShadowReport"/>) is plain data for the CLI.
/// </remarks>
internal sealed class ShadowStage
{
    private readonly EventSideBuffer _side;
    private readonly DecisionRing _decisions;
    private readonly ShadowScorer _scorer;
    private readonly ShadowOptions _options;
    private readonly ILogger _logger;
    private readonly DirectionResolver?[] _resolvers;
    private readonly long[] _horizon;
    private long _batchFirst = -1;
    private int _batchCount;
    private long _offered, _skipped, _lost, _firedAt = -1, _firedAtNs;

    /// <summary>A stage scoring <see cref="ShadowOptions.Scorer"/>'s candidate on <paramref name="decisions"/>.</summary>
    public ShadowStage(EventSideBuffer side, DecisionRing decisions, ShadowOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (decisions.ScoreWidth != options.Scorer.Classes)
            throw new ArgumentException($"decision scores are {decisions.ScoreWidth} wide, the shadow scorer compares {options.Scorer.Classes}-class models");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxSymbols);
        _side = side;
        _decisions = decisions;
        _scorer = options.Scorer;
        _options = options;
        _logger = logger;
        _resolvers = new DirectionResolver?[options.MaxSymbols];
        _horizon = [options.HorizonNs];
        _ = new DirectionResolver(_horizon, options.ThresholdTicks, 1, options.ThresholdBps); // validates the settings now
    }

    /// <summary>Rows offered to the candidate so far.</summary>
    public long Offered => Volatile.Read(ref _offered);

    /// <summary>Handles one event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(long sequence, bool endOfBatch)
    {
        long d = _side.DecisionOf(sequence);
        if (d >= 0)
        {
            if (_decisions.Record(d).ModelStatus == DecisionModelStatus.Ok)
            {
                if (_batchCount == 0) _batchFirst = d;
                _batchCount++;
                if (_batchCount >= _options.MaxBatch || _batchCount >= _decisions.ContiguousFrom(_batchFirst)) Flush();
            }
            else
            {
                if (_batchCount > 0) Flush();
                _skipped++;
                ObserveMid(d, enqueue: false);
            }
        }
        if (endOfBatch && _batchCount > 0) Flush();
    }

    private void Flush()
    {
        int n = _batchCount;
        long first = _batchFirst;
        _batchCount = 0;
        int scored = _scorer.Observe(_decisions.Rows(first, n), _decisions.Keys(first, n), n, _decisions.RowWidth, _decisions.ScoreRows(first, n), first);
        Volatile.Write(ref _offered, _offered + n);
        // In decision order: each decision's mid first labels what waited, then the decision waits for its horizon.
        for (int i = 0; i < n; i++) ObserveMid(first + i, enqueue: scored > 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ObserveMid(long d, bool enqueue)
    {
        ref var r = ref _decisions.Record(d);
        int sym = r.SymbolId;
        if (!(r.MidTicks > 0) || (uint)sym >= (uint)_resolvers.Length) return;
        var resolver = _resolvers[sym];
        if (resolver is null)
        {
            if (!enqueue) return; // nothing waits for this symbol yet
            resolver = CreateResolver(sym);
        }
        var sink = new OutcomeSink(this);
        resolver.Observe(r.ExchangeTimeNs, r.MidTicks, ref sink);
        if (enqueue) resolver.Enqueue(new PendingDecision { TimeNs = r.ExchangeTimeNs, MidTicks = r.MidTicks, Tag = d });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DirectionResolver CreateResolver(int sym) =>
        _resolvers[sym] = new DirectionResolver(_horizon, _options.ThresholdTicks, _options.PendingCapacity, _options.ThresholdBps);

    private void Outcome(long decision, long timeNs, int realisedClass)
    {
        if (!_scorer.RecordOutcome(decision, realisedClass, timeNs))
        {
            _lost++;
            return;
        }
        if (_firedAt < 0 && _options.Rule is { } rule && rule.Recommends(_scorer.Stats)) Fired(decision, timeNs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fired(long decision, long timeNs)
    {
        _firedAt = decision;
        _firedAtNs = timeNs;
        var s = _scorer.Stats;
        _logger.LogInformation("Shadow promotion rule holds at decision {Decision}: candidate accuracy {Cand:P2} vs live {Live:P2}, log-loss {CandLoss:F4} vs {LiveLoss:F4} over {N} outcomes",
            decision, s.CandidateAccuracy, s.LiveAccuracy, s.CandidateMeanLogLoss, s.LiveMeanLogLoss, s.Resolved);
    }

    /// <summary>The figures so far (call after the run for final ones).</summary>
    public ShadowReport Report()
    {
        long unresolved = 0;
        foreach (var r in _resolvers) unresolved += r?.Unresolved(0) ?? 0;
        var stats = _scorer.Stats;
        return new ShadowReport
        {
            Candidate = _options.CandidateName,
            HorizonSeconds = _options.HorizonNs / 1e9,
            Offered = Offered,
            Skipped = _skipped,
            LostOutcomes = _lost,
            Unresolved = unresolved,
            Stats = stats,
            Calibration = _scorer.Calibration,
            Rule = _options.Rule,
            Promotable = _options.Rule?.Recommends(stats) ?? false,
            RuleFiredAtDecision = _firedAt,
            RuleFiredAtExchangeTimeNs = _firedAtNs,
        };
    }

    private readonly struct OutcomeSink(ShadowStage stage) : IDirectionSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnLabel(int horizonIndex, in PendingDecision decision, int realisedClass, double moveTicks) =>
            stage.Outcome(decision.Tag, decision.TimeNs, realisedClass);
    }

    /// <summary>The ring handler wrapping this stage.</summary>
    public readonly struct Handler(ShadowStage stage) : IEventHandler<MarketEvent>
    {
        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) { }

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => stage.OnEvent(sequence, endOfBatch);
    }
}
