using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.Disruptor;
using HftScalper.Engine.Composition;
using HftScalper.Features.Schema;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Stage C: signal -> risk -> execution through the run's <see cref="TradingDesk"/> (the one trading composition:
/// tracker, ledger, risk and the gateway the run's <see cref="IExecutionGatewayFactory"/> supplies). Every event
/// first reaches the desk, which hands it to a simulated gateway (the paper venue matches on exchange time in event
/// order); then a decision event is routed (model or fallback) and handed to the desk at the run's clock
/// (<see cref="ITradingClock"/>: the event's exchange time in replay, the wall clock live). Everything here runs on
/// one thread and, with the event clock and the paper venue, is deterministic: same events and model scores, same
/// orders.
/// </summary>
/// <remarks>
/// The desk and the gateway are built on the first event over the symbols registered when the producer published it
/// (<see cref="StartingSymbols"/>: the same set inline and threaded, whatever a producer running ahead registered since;
/// the simulator registers all at start; a replay registers a recording's symbols of known filters before it starts,
/// the others on their first message). A symbol first seen later is not traded, nor one <see cref="TradingEligibility"/> refuses
/// (quoted in another asset than the account's): their decisions are counted in <see cref="UntradedDecisions"/> (and in
/// the digest, as untraded) and scored, and each is logged once by name (the session's start: StrategyStage.Session.cs).
/// </remarks>
internal sealed partial class StrategyStage : IDisposable
{
    private readonly SymbolRegistry _symbols;
    private readonly StartingSymbols _starting;
    private readonly TradingOptions _options;
    private readonly EventSideBuffer _side;
    private readonly DecisionRing _decisions;
    private readonly IRunObserver? _observer;
    private readonly IOrderFlowObserver? _orderFlow;
    private readonly DecisionDigest _digest = new();
    private readonly IExecutionGatewayFactory _gateway;
    private readonly ITradingClock _clock;
    private readonly FeatureSchema _schema;
    private readonly ILogger _logger;
    private readonly int _volatilityIndex;
    private readonly double _ticksToNs = 1e9 / Stopwatch.Frequency;
    private readonly double[]? _classMeans;
    private readonly StageLatencyBreakdown? _breakdown;
    private Session? _s;
    private long _handledThrough = -1; // the last sequence of a depth message handled whole
    private long _fillsSeen;
    private bool _untradedLogged;
    private TradingEligibility? _traded; // set at the first event
    private volatile bool _resetLatencies;

    // The digest's (and the observer's) verdict of a decision not traded (its symbol is not on the desk); no RiskVerdict
    // has it, so verdict counts skip it.
    private const byte UntradedVerdict = byte.MaxValue;

    /// <summary>A strategy stage reading decisions from <paramref name="decisions"/>, trading through the gateway
    /// <paramref name="gateway"/> builds at <paramref name="clock"/>'s time, and telling <paramref name="observer"/>
    /// (null = nobody) what each decision and round trip was, and <paramref name="orderFlow"/> (null = nobody, e.g. the
    /// order journal) every order request and execution report; <paramref name="breakdown"/>, when given, records each
    /// decision's stage times against its cause. The session trades the symbols <paramref name="starting"/> captured at
    /// the producer's first publication (null: those registered in <paramref name="symbols"/> at the first event, for a
    /// caller that registers nothing while the stage runs).</summary>
    public StrategyStage(SymbolRegistry symbols, TradingOptions options, IExecutionGatewayFactory gateway, ITradingClock clock, FeatureSchema schema,
        EventSideBuffer side, DecisionRing decisions, IRunObserver? observer, ILogger logger, IOrderFlowObserver? orderFlow = null,
        StageLatencyBreakdown? breakdown = null, StartingSymbols? starting = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(clock);
        if (starting is not null && starting.Registry != symbols) throw new ArgumentException("the starting symbols are another registry's", nameof(starting));
        _symbols = symbols;
        _starting = starting ?? new StartingSymbols(symbols);
        _options = options;
        _side = side;
        _decisions = decisions;
        _observer = observer;
        _orderFlow = orderFlow;
        _schema = schema;
        _logger = logger;
        _gateway = gateway;
        _clock = clock;
        _volatilityIndex = string.IsNullOrEmpty(options.VolatilityFeature) ? -1 : schema.IndexOf(options.VolatilityFeature);
        _classMeans = options.ClassMeanMoveBps is { Count: 3 } m ? [.. m] : null;
        _breakdown = breakdown;
    }

    /// <summary>Fingerprint of every decision (signal, verdict, order).</summary>
    public DecisionDigest Digest => _digest;

    /// <summary>Decisions handled.</summary>
    public long Decisions { get; private set; }

    /// <summary>Orders sent (entries and exits, including kill-switch flattening).</summary>
    public long OrdersSent => _s is { SymbolCount: > 0 } s ? s.Desk.OrdersSent : 0;

    /// <summary>Times the kill switch tripped.</summary>
    public long KillSwitchTrips => _s is { SymbolCount: > 0 } s ? s.Desk.KillSwitchTrips : 0;

    /// <summary>Decisions of symbols registered after trading started (not traded).</summary>
    public long UntradedDecisions { get; private set; }

    /// <summary>Why no symbol is traded in this run (null while trading is on, or before the first event).</summary>
    public string? TradingDisabled { get; private set; }

    /// <summary>The asset the account holds (its equity, fees and PnL are amounts of it; null before the first event).</summary>
    public string? AccountAsset => _traded?.AccountAsset;

    /// <summary>Symbols the desk trades: ids below this (0 when trading is disabled or before the first event).</summary>
    public int TradedSymbols => _s?.SymbolCount ?? 0;

    /// <summary>The trading composition (null before the first event, and when trading is disabled).</summary>
    public TradingDesk? Desk => _s?.SymbolCount > 0 ? _s.Desk : null;

    /// <summary>The ledger (null before the first event).</summary>
    public PositionLedger? Ledger => Desk?.Ledger;

    /// <summary>The risk manager (null before the first event).</summary>
    public RiskManager? Risk => Desk?.Risk;

    /// <summary>The signal router (null before the first event).</summary>
    public SignalRouter? Router => _s?.SymbolCount > 0 ? _s.Router : null;

    /// <summary>Equity in the quote currency (the starting equity before the first event).</summary>
    public double Equity => _s is { SymbolCount: > 0 } s ? s.Desk.Equity : _options.InitialEquity;

    /// <summary>Operator actions applied before the next decision (null = none).</summary>
    public OperatorMailbox? Operator { get; init; }

    /// <summary>Asks the stage to clear its latency samples at its next decision (warm-up is over); any thread.</summary>
    public void RequestLatencyReset()
    {
        _resetLatencies = true;
        _breakdown?.RequestReset();
    }

    /// <summary>Handles one event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref MarketEvent e, long sequence)
    {
        var s = _s ?? Start();
        if (s.SymbolCount > 0)
        {
            s.Desk.OnMarketEvent(in e);
            // A trade of unknown side (a source that prints none and could not sign it) says nothing of touch flow.
            if (e.Kind == MarketEventKind.Trade && e.Side != Side.None) s.Flow.OnTrade(e.SymbolId, e.Side == Side.Ask, e.Quantity, e.ExchangeTimeNs);
        }
        long d = _side.DecisionOf(sequence);
        if (d >= 0) Decide(s, d, sequence);
    }

    /// <summary>
    /// Handles the event at <paramref name="sequence"/> of <paramref name="ring"/> (published up to
    /// <paramref name="available"/>): the first level of a depth message that is whole there takes the message at once
    /// (<see cref="TradingDesk.OnMarketEvents"/>), then its decision; the handler's calls for its other events return
    /// at once. Same orders and digest as <see cref="OnEvent"/> event by event (the features stage decides only on a
    /// message's last level).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnRingEvent(RingBuffer<MarketEvent> ring, ref MarketEvent e, long sequence, long available)
    {
        if (sequence <= _handledThrough) return;
        if (DepthMessages.TryGet(ring, ref e, sequence, available, out var message))
        {
            OnMessage(message, sequence);
            return;
        }
        OnEvent(ref e, sequence);
    }

    private void OnMessage(ReadOnlySpan<MarketEvent> message, long first)
    {
        long last = first + message.Length - 1;
        _handledThrough = last;
        var s = _s ?? Start();
        if (s.SymbolCount > 0) s.Desk.OnMarketEvents(message);
        long d = _side.DecisionOf(last);
        if (d >= 0) Decide(s, d, last);
        if (s.SymbolCount > 0) s.Desk.AfterDecision(); // the paper venue's books take the levels now (PaperVenue.Settle)
    }

    private void Decide(Session s, long d, long sequence)
    {
        ref var r = ref _decisions.Record(d);
        Decisions++;
        int sym = r.SymbolId;
        if ((uint)sym >= (uint)s.SymbolCount || !_traded!.IsTraded(sym))
        {
            Untraded(sym);
            // Scored all the same (accuracy, calibration, drift: the model's figures do not depend on trading), and in
            // the digest (as untraded), so two runs that traded nothing still differ when their decisions do.
            if (_observer is { } untradedObserver)
                Observe(untradedObserver, ref r, r.ModelStatus == DecisionModelStatus.Ok, _decisions.Scores(d), _decisions.Row(d), Equity,
                    (RiskVerdict)UntradedVerdict, default);
            _digest.Add(sequence, r.ExchangeTimeNs, sym, 0, 0, 0f, UntradedVerdict, 0, 0, 0);
            return;
        }
        long now = r.ExchangeTimeNs;
        if (Operator is { HasPending: true } mailbox) ApplyOperator(mailbox, s, _clock.NowNs(now));

        var availability = r.ModelStatus switch
        {
            DecisionModelStatus.Ok => ModelAvailability.Healthy,
            DecisionModelStatus.NoModel => ModelAvailability.NotLoaded,
            DecisionModelStatus.Degraded => ModelAvailability.Degraded,
            DecisionModelStatus.Warming => ModelAvailability.Warming,
            _ => ModelAvailability.RunFailed,
        };
        var scores = _decisions.Scores(d);
        var row = _decisions.Row(d);
        var stamp = new DecisionStamp(now, r.LocalTimeNs, sequence);
        // directionSource Fallback: the rule-based signal picks the direction and the model's expected move (below)
        // gates its entries, so the model acts as a filter on the fallback's candidates.
        Signal signal;
        if (_options.DirectionSource == DirectionSource.Fallback && availability == ModelAvailability.Healthy)
            s.Router.RouteFallbackDirection(sym, row, in stamp, out signal);
        else
            s.Router.Route(sym, availability, scores, row, in stamp, out signal);

        double move = availability == ModelAvailability.Healthy ? CalibratedMove(s, sym, ref r, ExpectedMove(d, scores), scores, (int)signal.Direction) : double.NaN;
        var market = new RiskMarketView
        {
            BookSynced = r.BookSynced,
            ModelHealthy = availability == ModelAvailability.Healthy,
            ModelWarming = availability == ModelAvailability.Warming,
            BidTicks = r.BidTicks,
            AskTicks = r.AskTicks,
            LastEventTimeNs = now,
            Volatility = _volatilityIndex >= 0 ? row[_volatilityIndex] : 0f,
            HasExpectedMove = double.IsFinite(move),
            ExpectedMoveBps = move,
            HorizonNs = _options.HorizonNs,
            BidFlowLotsPerSecond = s.Flow.Rate(sym, bid: true, now),
            AskFlowLotsPerSecond = s.Flow.Rate(sym, bid: false, now),
            Depth = r.Depth,
        };
        long ordersBefore = s.Desk.OrdersSent;
        var verdict = s.Desk.Decide(in signal, in market, _clock.NowNs(now), out var order, r.IngressTicks);
        if (_breakdown is not null) RecordBreakdown(ref r, s, ordersBefore);

        if (_observer is { } observer)
            Observe(observer, ref r, availability == ModelAvailability.Healthy, scores, row, s.Desk.Equity, verdict, verdict == RiskVerdict.Accept ? order.ClientOrderId : default);
        _digest.Add(sequence, now, sym, (sbyte)signal.Direction, (byte)signal.Source, signal.Confidence, (byte)verdict,
            verdict == RiskVerdict.Accept ? (byte)(order.Side + 1) : (byte)0, order.PriceTicks, order.QuantityLots);
    }

    // Expected mid move in bps: the return regressor's value when it served this row, else sum_k P(k) x mean_k from
    // the classifier's metadata, else NaN (no EV gate).
    private double ExpectedMove(long d, ReadOnlySpan<float> scores)
    {
        float ret = _decisions.Return(d);
        if (float.IsFinite(ret)) return ret;
        if (_classMeans is not { } m || !Distribution(scores, out double down, out double flat, out double up, out double sum)) return double.NaN;
        return (down * m[0] + flat * m[1] + up * m[2]) / sum;
    }

    // With expectedMove calibration on: the symbol's calibrator learns from this decision (when it is the clock's next
    // sample on a synced book; its signal's direction conditions it) and serves the move its map gives the chosen
    // score; otherwise the raw move.
    private double CalibratedMove(Session s, int sym, ref DecisionRecord r, double raw, ReadOnlySpan<float> scores, int direction)
    {
        if (s.Calibrators is not { } calibrators) return raw;
        double score = _options.ExpectedMove!.Score == MoveScore.ExpectedMove ? raw : DirectionScore(scores);
        var calibrator = calibrators[sym];
        bool onset = direction != 0 && s.LastDirection![sym] != direction;
        s.LastDirection![sym] = (sbyte)direction;
        if (r.BookSynced) calibrator.OnDecision(r.ExchangeTimeNs, r.MidTicks, score, direction, onset);
        return calibrator.ExpectedMove(score, direction, onset);
    }

    // P(up) - P(down) of the row, normalised by its sum (NaN for a row that is not a distribution).
    private static double DirectionScore(ReadOnlySpan<float> scores) =>
        Distribution(scores, out double down, out _, out double up, out double sum) ? (up - down) / sum : double.NaN;

    // The row's P(down, flat, up) and their sum, when they are non-negative with a finite positive sum.
    private static bool Distribution(ReadOnlySpan<float> scores, out double down, out double flat, out double up, out double sum)
    {
        down = flat = up = sum = 0;
        if (scores.Length < 3) return false;
        down = scores[0];
        flat = scores[1];
        up = scores[2];
        sum = down + flat + up;
        return down >= 0 && flat >= 0 && up >= 0 && sum > 0 && double.IsFinite(sum);
    }

    // The operator's action, on this thread (the desk's only one), before the decision it precedes.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ApplyOperator(OperatorMailbox mailbox, Session s, long nowNs)
    {
        var action = mailbox.Take();
        int sent = action switch
        {
            OperatorAction.Halt => s.Desk.OperatorHalt(nowNs),
            OperatorAction.Flatten => s.Desk.OperatorFlatten(nowNs),
            OperatorAction.Resume => s.Desk.OperatorResume(),
            _ => 0,
        };
        if (action == OperatorAction.None) return;
        mailbox.MarkApplied();
        _logger.LogWarning("Operator {Action} applied ({Sent} requests sent); trading {State}", action, sent, s.Desk.Risk.IsHalted ? "halted" : "on");
    }

    // One observer call per decision: the latencies (measured now, after the order intent), the mid and the equity.
    private void Observe(IRunObserver observer, ref DecisionRecord r, bool healthy, ReadOnlySpan<float> scores, ReadOnlySpan<float> row, double equity,
        RiskVerdict verdict, ClientOrderId orderId)
    {
        long done = Stopwatch.GetTimestamp();
        if (_resetLatencies)
        {
            _resetLatencies = false;
            observer.OnWarmupEnded();
        }
        bool measured = r.IngressTicks != 0, inference = measured && r.InferenceDoneTicks != 0;
        var outcome = new DecisionOutcome
        {
            SymbolId = r.SymbolId,
            ExchangeTimeNs = r.ExchangeTimeNs,
            MidTicks = r.MidTicks,
            ModelHealthy = healthy,
            Equity = equity,
            LatencyMeasured = measured,
            InferenceMeasured = inference,
            TickToDecisionNs = measured ? (long)((done - r.IngressTicks) * _ticksToNs) : 0,
            FeaturesNs = measured ? (long)((r.FeaturesDoneTicks - r.IngressTicks) * _ticksToNs) : 0,
            InferenceNs = inference ? (long)((r.InferenceDoneTicks - r.FeaturesDoneTicks) * _ticksToNs) : 0,
            StrategyNs = inference ? (long)((done - r.InferenceDoneTicks) * _ticksToNs) : 0,
            BidTicks = r.BidTicks,
            AskTicks = r.AskTicks,
            Verdict = verdict,
            OrderId = orderId,
        };
        observer.OnFeatures(in outcome, row, scores);
        observer.OnDecision(in outcome, scores);
    }

    // The diagnostic's sample: stage times against the cause, completed with an order sent by this decision and a fill
    // booked since the previous one.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordBreakdown(ref DecisionRecord r, Session s, long ordersBefore)
    {
        long done = Stopwatch.GetTimestamp();
        long fills = s.Desk.Executions.Fills;
        int bits = (s.Desk.OrdersSent != ordersBefore ? LatencyCause.OrderSent : 0) | (fills != _fillsSeen ? LatencyCause.Fill : 0);
        _fillsSeen = fills;
        _breakdown!.Record(ref r, done, bits);
    }

    /// <summary>Delivers every report still in flight at the end of a run (orders keep their last state).</summary>
    public void Finish()
    {
        if (_s is not { SymbolCount: > 0 }) return;
        _s.Desk.Finish();
    }

    /// <summary>Releases the gateway's resources (the paper venue's books).</summary>
    public void Dispose()
    {
        if (_s is { SymbolCount: > 0 } s) s.Desk.Dispose();
    }

    /// <summary>The ring handler wrapping this stage: <paramref name="ring"/> is the ring it consumes (a depth message
    /// whole in the batch is handled at once from its slots).</summary>
    public struct Handler(StrategyStage stage, RingBuffer<MarketEvent> ring) : IEventHandler<MarketEvent>
    {
        private long _available;

        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) => _available = firstSequence + count - 1;

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => stage.OnRingEvent(ring, ref e, sequence, _available);
    }
}
