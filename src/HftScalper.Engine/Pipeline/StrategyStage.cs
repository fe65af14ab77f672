using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Disruptor;
using HftScalper.Features.Schema;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Stage C: signal -> risk -> execution, and the paper exchange. Every event first reaches the exchange's own view
/// of the book (a second synchronizer: the exchange must not read stage A's book, which runs ahead on another
/// thread) and the <see cref="PaperExchange"/>, so fills happen on exchange time in event order; then a decision
/// event is routed (model or fallback), sized and checked by risk, and sent. Everything here runs on one thread
/// and is deterministic: same events and model scores, same orders.
/// </summary>
/// <remarks>
/// The trading components are built on the first event so they see every symbol the source registered up to then
/// (the simulator registers all at start; a recording registers its symbols on their first message). A symbol
/// first seen later is not traded: its decisions are counted in <see cref="UntradedDecisions"/> and logged once.
/// </remarks>
public sealed class StrategyStage : IDisposable
{
    private readonly SymbolRegistry _symbols;
    private readonly TradingOptions _options;
    private readonly EventSideBuffer _side;
    private readonly DecisionRing _decisions;
    private readonly IRunObserver? _observer;
    private readonly DecisionDigest _digest = new();
    private readonly BookSynchronizer _exchangeBooks;
    private readonly FeatureSchema _schema;
    private readonly ILogger _logger;
    private readonly int _volatilityIndex;
    private readonly double _ticksToNs = 1e9 / Stopwatch.Frequency;
    private Session? _s;
    private bool _untradedLogged;
    private volatile bool _resetLatencies;

    // Null parts = trading disabled (SymbolCount 0: every decision is counted as untraded).
    private sealed class Session(PaperExchange? paper, PositionLedger? ledger, OrderTracker? orders, RiskManager? risk,
        SignalRouter? router, int symbolCount, double equityScale)
    {
        public readonly PaperExchange Paper = paper!;
        public readonly PositionLedger Ledger = ledger!;
        public readonly OrderTracker Orders = orders!;
        public readonly RiskManager Risk = risk!;
        public readonly SignalRouter Router = router!;
        public readonly int SymbolCount = symbolCount;
        public readonly double EquityScale = equityScale;
    }

    /// <summary>A strategy stage reading decisions from <paramref name="decisions"/> and telling <paramref name="observer"/>
    /// (null = nobody) what each decision and round trip was.</summary>
    public StrategyStage(SymbolRegistry symbols, TradingOptions options, BookSyncOptions syncOptions, FeatureSchema schema,
        EventSideBuffer side, DecisionRing decisions, IRunObserver? observer, ILogger logger)
    {
        _symbols = symbols;
        _options = options;
        _side = side;
        _decisions = decisions;
        _observer = observer;
        _schema = schema;
        _logger = logger;
        _exchangeBooks = new BookSynchronizer(syncOptions);
        _volatilityIndex = string.IsNullOrEmpty(options.VolatilityFeature) ? -1 : schema.IndexOf(options.VolatilityFeature);
    }

    /// <summary>Fingerprint of every decision (signal, verdict, order).</summary>
    public DecisionDigest Digest => _digest;

    /// <summary>Decisions handled.</summary>
    public long Decisions { get; private set; }

    /// <summary>Orders sent (entries and exits, including kill-switch flattening).</summary>
    public long OrdersSent { get; private set; }

    /// <summary>Times the kill switch tripped.</summary>
    public long KillSwitchTrips { get; private set; }

    /// <summary>Decisions of symbols registered after trading started (not traded).</summary>
    public long UntradedDecisions { get; private set; }

    /// <summary>The ledger (null before the first event).</summary>
    public PositionLedger? Ledger => _s?.SymbolCount > 0 ? _s.Ledger : null;

    /// <summary>The risk manager (null before the first event).</summary>
    public RiskManager? Risk => _s?.SymbolCount > 0 ? _s.Risk : null;

    /// <summary>The signal router (null before the first event).</summary>
    public SignalRouter? Router => _s?.SymbolCount > 0 ? _s.Router : null;

    /// <summary>The paper exchange (null before the first event).</summary>
    public PaperExchange? Exchange => _s?.SymbolCount > 0 ? _s.Paper : null;

    /// <summary>Equity in the quote currency (the starting equity before the first event).</summary>
    public double Equity => _s is { SymbolCount: > 0 } s ? s.Ledger.Equity * s.EquityScale : _options.InitialEquity;

    /// <summary>Asks the stage to clear its latency samples at its next decision (warm-up is over); any thread.</summary>
    public void RequestLatencyReset() => _resetLatencies = true;

    /// <summary>Handles one event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref MarketEvent e, long sequence)
    {
        var s = _s ?? Start();
        _exchangeBooks.OnEvent(in e);
        NativeOrderBook? book = null;
        if ((uint)e.SymbolId < (uint)s.SymbolCount && e.Kind != MarketEventKind.Status
            && _exchangeBooks.GetState(e.SymbolId) == BookSyncState.Synced)
            book = _exchangeBooks.GetBook(e.SymbolId);
        if (s.SymbolCount > 0) s.Paper.OnMarketEvent(in e, book);

        long d = _side.DecisionOf(sequence);
        if (d >= 0) Decide(s, d, sequence);
    }

    private void Decide(Session s, long d, long sequence)
    {
        ref var r = ref _decisions.Record(d);
        Decisions++;
        int sym = r.SymbolId;
        if ((uint)sym >= (uint)s.SymbolCount)
        {
            Untraded(sym);
            return;
        }
        long now = r.ExchangeTimeNs;
        if (r.BidTicks > 0 && r.AskTicks > 0) s.Ledger.Mark(sym, r.BidTicks, r.AskTicks, now);
        if (s.Risk.CheckKillSwitch(now)) TripKillSwitch(s, now);
        else if (s.Risk.IsHalted && s.Ledger.Position(sym).PositionLots != 0) ReFlatten(s, now);

        var availability = r.ModelStatus switch
        {
            DecisionModelStatus.Ok => ModelAvailability.Healthy,
            DecisionModelStatus.NoModel => ModelAvailability.NotLoaded,
            DecisionModelStatus.Degraded => ModelAvailability.Degraded,
            _ => ModelAvailability.RunFailed,
        };
        var scores = _decisions.Scores(d);
        var row = _decisions.Row(d);
        var stamp = new DecisionStamp(now, r.LocalTimeNs, sequence);
        s.Router.Route(sym, availability, scores, row, in stamp, out var signal);

        var market = new RiskMarketView
        {
            BookSynced = r.BookSynced,
            ModelHealthy = availability == ModelAvailability.Healthy,
            BidTicks = r.BidTicks,
            AskTicks = r.AskTicks,
            LastEventTimeNs = now,
            Volatility = _volatilityIndex >= 0 ? row[_volatilityIndex] : 0f,
        };
        var verdict = s.Risk.Evaluate(in signal, in market, now, out var order);
        if (verdict == RiskVerdict.Accept)
        {
            s.Paper.Submit(in order);
            OrdersSent++;
        }
        else if (verdict == RiskVerdict.KillSwitchTripped)
        {
            TripKillSwitch(s, now);
        }

        if (_observer is { } observer) Observe(observer, ref r, availability == ModelAvailability.Healthy, scores, s);
        _digest.Add(sequence, now, sym, (sbyte)signal.Direction, (byte)signal.Source, signal.Confidence, (byte)verdict,
            verdict == RiskVerdict.Accept ? (byte)(order.Side + 1) : (byte)0, order.PriceTicks, order.QuantityLots);
    }

    // One observer call per decision: the latencies (measured now, after the order intent), the mid and the equity.
    private void Observe(IRunObserver observer, ref DecisionRecord r, bool healthy, ReadOnlySpan<float> scores, Session s)
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
            Equity = s.Ledger.Equity * s.EquityScale,
            LatencyMeasured = measured,
            InferenceMeasured = inference,
            TickToDecisionNs = measured ? (long)((done - r.IngressTicks) * _ticksToNs) : 0,
            FeaturesNs = measured ? (long)((r.FeaturesDoneTicks - r.IngressTicks) * _ticksToNs) : 0,
            InferenceNs = inference ? (long)((r.InferenceDoneTicks - r.FeaturesDoneTicks) * _ticksToNs) : 0,
            StrategyNs = inference ? (long)((done - r.InferenceDoneTicks) * _ticksToNs) : 0,
        };
        observer.OnDecision(in outcome, scores);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TripKillSwitch(Session s, long now)
    {
        KillSwitchTrips++;
        int sent = s.Risk.Flatten(s.Paper, now);
        OrdersSent += sent;
        _logger.LogError("Kill switch: drawdown {Drawdown:P2} reached the limit {Limit:P2}; trading halted, {Sent} flattening requests sent",
            s.Ledger.DrawdownFraction, _options.Risk.MaxDrawdownFraction, sent);
    }

    // A flatten that a thin book filled only partly leaves a remainder: keep closing it while halted (Flatten only
    // sends what open reducing orders do not already cover, so repeating it never over-closes).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReFlatten(Session s, long now) => OrdersSent += s.Risk.Flatten(s.Paper, now);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Untraded(int sym)
    {
        UntradedDecisions++;
        if (_untradedLogged) return;
        _untradedLogged = true;
        _logger.LogWarning("Symbol #{Symbol} appeared after trading started: its decisions are not traded (counted)", sym);
    }

    /// <summary>Delivers every report still in flight at the end of a run (orders keep their last state).</summary>
    public void Finish()
    {
        if (_s is not { SymbolCount: > 0 }) return;
        _s.Paper.FlushReports();
    }

    // First event: build the trading session over the symbols known now.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Session Start()
    {
        int n = _symbols.Count;
        if (n == 0) throw new InvalidOperationException("no symbol is registered when the first event arrives");
        int decimals = 0;
        for (int i = 0; i < n; i++) decimals = Math.Max(decimals, _symbols[i].PriceDecimals + _symbols[i].QuantityDecimals);
        double initialUnits = _options.InitialEquity * Math.Pow(10, decimals);
        if (decimals > FixedPoint.MaxDecimals || !(initialUnits < long.MaxValue / 1024.0))
        {
            // Generic 8/8 scales (an unknown symbol) make quote units too fine for 64-bit account totals.
            _logger.LogError("Trading disabled for this run: symbol scales need {Decimals} decimals of the quote asset, too fine for an equity of {Equity} "
                + "in 64-bit account units; register the symbols with their exchange tick and lot decimals", decimals, _options.InitialEquity);
            return _s = new Session(null, null, null, null, null, 0, 1);
        }
        long initial = (long)Math.Round(initialUnits);
        var ledger = new PositionLedger(_symbols, initial);
        var orders = new OrderTracker(_options.OrderCapacity, Math.Max(n, 1));
        var risk = new RiskManager(_symbols, _options.Risk, ledger, orders);
        var trips = new RoundTripTracker(_symbols, _observer);
        var paper = new PaperExchange(new ExecutionReportFanout(orders, ledger, trips), _options.Exchange);
        var hysteresis = new DirectionHysteresis(n, _options.SignalCooldownNs);
        var router = new SignalRouter(new SignalGenerator(hysteresis, _options.Signals), new FallbackSignal(_schema, hysteresis, _options.Fallback),
            _logger, id => (uint)id < (uint)_symbols.Count ? _symbols[id].Name : "#" + id);
        _s = new Session(paper, ledger, orders, risk, router, n, 1.0 / FixedPoint.PowerOfTen(ledger.AccountDecimals));
        return _s;
    }

    /// <summary>Releases the exchange-side books.</summary>
    public void Dispose() => _exchangeBooks.Dispose();

    /// <summary>The ring handler wrapping this stage.</summary>
    public readonly struct Handler(StrategyStage stage) : IEventHandler<MarketEvent>
    {
        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) { }

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => stage.OnEvent(ref e, sequence);
    }
}
