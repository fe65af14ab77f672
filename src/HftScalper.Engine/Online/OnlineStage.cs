using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Disruptor;
using HftScalper.Engine.Outcomes;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Online;

namespace HftScalper.Engine.Online;

/// <summary>
/// Online learning in the run: for each decision in order, the decision's mid first labels the decisions of its
/// symbol whose horizon has passed (<see cref="DirectionResolver"/>, as the run's own accuracy), and each label is
/// scored and learnt (<see cref="OnlineLearner.Resolve"/>); then the online layer predicts the decision from its row
/// and the frozen model's probabilities, and the decision waits for its own label.
/// <code>
///  A: features -> B: inference --(drive: B calls OnDecision, the layer's probabilities replace the frozen ones)--> C: strategy
///                              '-> O: online (side consumer, decisions unchanged)
/// </code>
/// Everything happens in decision order on one thread, so the same input gives the same weights and predictions in
/// either topology. O(features × classes) per decision, no allocation after a symbol's first decision.
/// </summary>
internal sealed class OnlineStage
{
    private readonly EventSideBuffer _side;
    private readonly DecisionRing _decisions;
    private readonly OnlineLearner _learner;
    private readonly OnlineOptions _options;
    private readonly DirectionResolver?[] _resolvers;
    private readonly long[] _horizon;
    private readonly float[] _online;
    private long _predicted, _skipped;

    /// <summary>A stage learning online over <paramref name="decisions"/>.</summary>
    public OnlineStage(EventSideBuffer side, DecisionRing decisions, OnlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var learner = options.Learner;
        if (decisions.ScoreWidth < learner.Classes)
            throw new ArgumentException($"decision scores are {decisions.ScoreWidth} wide, the online layer learns {learner.Classes} classes");
        if (decisions.RowWidth != learner.Features)
            throw new ArgumentException($"decision rows are {decisions.RowWidth} wide, the online layer learns {learner.Features} features");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxSymbols);
        _side = side;
        _decisions = decisions;
        _learner = learner;
        _options = options;
        _resolvers = new DirectionResolver?[options.MaxSymbols];
        _horizon = [options.HorizonNs];
        _online = new float[learner.Classes];
        _ = new DirectionResolver(_horizon, options.ThresholdTicks, 1, options.ThresholdBps); // validates the settings now
    }

    /// <summary>Decisions predicted so far.</summary>
    public long Predicted => Volatile.Read(ref _predicted);

    /// <summary>
    /// Handles decision <paramref name="d"/>, which the frozen model scored when <paramref name="scored"/>: labels what
    /// waited for its mid, predicts it, and (with <see cref="OnlineOptions.Drive"/>, on the candidate arm) writes the
    /// online probabilities over the frozen ones in the decision's score row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnDecision(long d, bool scored)
    {
        ref var r = ref _decisions.Record(d);
        int sym = r.SymbolId;
        if (!(r.MidTicks > 0) || (uint)sym >= (uint)_resolvers.Length)
        {
            _skipped++;
            return;
        }
        var resolver = _resolvers[sym];
        if (resolver is null)
        {
            if (!scored) { _skipped++; return; } // nothing waits for this symbol yet
            resolver = CreateResolver(sym);
        }
        var sink = new LabelSink(_learner);
        resolver.Observe(r.ExchangeTimeNs, r.MidTicks, ref sink);
        if (!scored) { _skipped++; return; }
        var scores = _decisions.Scores(d);
        var arm = _learner.Predict(d, sym, _decisions.Row(d), scores, _online);
        if (_options.Drive && arm == AbArm.Candidate) _online.AsSpan().CopyTo(scores);
        resolver.Enqueue(new PendingDecision { TimeNs = r.ExchangeTimeNs, MidTicks = r.MidTicks, Tag = d });
        Volatile.Write(ref _predicted, _predicted + 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DirectionResolver CreateResolver(int sym) =>
        _resolvers[sym] = new DirectionResolver(_horizon, _options.ThresholdTicks, _options.PendingCapacity, _options.ThresholdBps);

    /// <summary>The figures so far (call after the run for final ones). Allocates.</summary>
    public OnlineReport Report()
    {
        long unresolved = 0;
        foreach (var r in _resolvers) unresolved += r?.Unresolved(0) ?? 0;
        var arms = _learner.Arms;
        return new OnlineReport
        {
            Drive = _options.Drive,
            HorizonSeconds = _options.HorizonNs / 1e9,
            Predicted = Predicted,
            Skipped = _skipped,
            Learnt = _learner.Shared.Samples,
            LostLabels = _learner.Lost,
            Unresolved = unresolved,
            Stats = _learner.Stats,
            RealisedCounts = _learner.RealisedCounts.ToArray(),
            PrequentialMajorityCorrect = _learner.PrequentialMajorityCorrect,
            Ab = _learner.Options.Ab,
            LiveArmDecisions = arms.LiveDecisions,
            LiveArm = arms.Live,
            CandidateArmDecisions = arms.CandidateDecisions,
            CandidateArm = arms.Candidate,
            Symbols = _learner.SymbolStats(),
        };
    }

    private readonly struct LabelSink(OnlineLearner learner) : IDirectionSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnLabel(int horizonIndex, in PendingDecision decision, int realisedClass, double moveTicks) =>
            learner.Resolve(decision.Tag, realisedClass, decision.TimeNs);
    }

    /// <summary>The ring handler of the side consumer (not driving): each decision as the inference stage left it.</summary>
    public readonly struct Handler(OnlineStage stage) : IEventHandler<MarketEvent>
    {
        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) { }

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch)
        {
            long d = stage._side.DecisionOf(sequence);
            if (d >= 0) stage.OnDecision(d, stage._decisions.Record(d).ModelStatus == DecisionModelStatus.Ok);
        }
    }
}
