using System.Diagnostics;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.Disruptor;
using HftScalper.Engine.Features;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Composition;

/// <summary>
/// The composition root of a run: builds the stage graph of the architecture on one ring and runs a source
/// through it.
/// <code>
///  producer (feed: messages)    ==ring==>  A: book + features  ->  B: inference (micro-batched)  ->  C: signal -> risk -> execution
///                                           (side arrays: ingress time, decision index; decision ring: records, rows, scores)
///                                                                                 '->  S: shadow candidate (optional side consumer)
///                                                                                 '->  O: online layer (optional side consumer; in B when it drives)
/// </code>
/// Live, paper and backtest differ only in the source, the clock and the execution gateway: the clock and the
/// gateway are constructor arguments (default: exchange time and the paper venue), the source is <see cref="Run"/>'s;
/// the stages and the trading composition (<see cref="TradingDesk"/>) are the same objects in every mode.
/// </summary>
public sealed partial class TradingPipeline
{
    private readonly SymbolRegistry _symbols;
    private readonly PipelineOptions _options;
    private readonly IDecisionModelSource _models;
    private readonly ILogger _logger;
    private readonly PipelineHooks _hooks;
    private readonly ITradingClock _clock;
    private readonly IExecutionGatewayFactory? _gateway;
    private readonly ReturnModelSource? _returns;

    /// <summary>
    /// A pipeline resolving symbols through <paramref name="symbols"/> and serving <paramref name="models"/>, with
    /// optional side work (<paramref name="hooks"/>: canary rows, shadow candidate) that never changes a decision,
    /// deciding at <paramref name="clock"/>'s time (default <see cref="EventTimeClock"/>: the events' exchange time)
    /// and trading through the gateway <paramref name="gateway"/> builds for each run (default: a
    /// <see cref="PaperVenueFactory"/> over <see cref="TradingOptions.Exchange"/> and the run's book-sync settings).
    /// <paramref name="returns"/>, when given, serves a return regressor (bps) beside the direction model: its value is
    /// each decision's expected move for risk's expected-value gate.
    /// </summary>
    public TradingPipeline(SymbolRegistry symbols, PipelineOptions options, IDecisionModelSource models, ILogger logger, PipelineHooks? hooks = null,
        ITradingClock? clock = null, IExecutionGatewayFactory? gateway = null, ReturnModelSource? returns = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _symbols = symbols;
        _options = options;
        _models = models;
        _logger = logger;
        _hooks = hooks ?? new PipelineHooks();
        _clock = clock ?? EventTimeClock.Instance;
        _gateway = gateway;
        _returns = returns;
    }

    /// <summary>Events published so far by the running <see cref="Run"/> (for progress; 0 when idle).</summary>
    public long Published => Volatile.Read(ref _feeder)?.Published ?? 0;

    private ReplayFeeder? _feeder;
    private RunState? _run;

    // What a snapshot reads: the current (or last) run's stages.
    private sealed record RunState(BookFeatureProcessor Processor, BookFeatureStage Features, InferenceStage Inference, StrategyStage Strategy,
        ShadowStage? Shadow)
    {
        public ReplayFeeder? Feeder;
        public volatile bool Running = true;
    }

    /// <summary>
    /// The counters of the running run (or of the last one once it ended; null before the first). Any thread; reads
    /// without locks and allocates the snapshot: for the metrics side, not the hot path.
    /// </summary>
    public PipelineSnapshot? Snapshot()
    {
        var run = Volatile.Read(ref _run);
        if (run is null) return null;
        var sync = run.Processor.Sync;
        var symbols = new List<(string, BookSyncState)>(_symbols.Count);
        for (int i = 0; i < _symbols.Count; i++) symbols.Add((_symbols[i].Name, sync.GetState(i)));
        var verdicts = new List<(string, long)>();
        if (run.Strategy.Risk is { } risk)
            foreach (var v in Enum.GetValues<RiskVerdict>()) verdicts.Add((v.ToString(), risk.Counters[v]));
        var router = run.Strategy.Router;
        var c = sync.Counters;
        return new PipelineSnapshot
        {
            Running = run.Running,
            Events = run.Feeder?.Published ?? 0,
            Frames = run.Feeder?.Frames ?? 0,
            Decisions = run.Features.Decisions,
            StrategyDecisions = run.Strategy.Decisions,
            Orders = run.Strategy.OrdersSent,
            InferenceBatches = run.Inference.Batches,
            InferenceRows = run.Inference.Rows,
            NoModelRows = run.Inference.NoModelRows,
            FailedRows = run.Inference.FailedRows,
            WarmingRows = run.Inference.WarmingRows,
            WarmingStalls = run.Inference.Stalls.Stalls,
            WarmingUnsyncedStalls = run.Inference.Stalls.UnsyncedStalls,
            WarmingUnsyncedRows = run.Inference.WarmingUnsyncedRows,
            ModelSignals = router?.ModelSignals ?? 0,
            FallbackSignals = router?.FallbackSignals ?? 0,
            KillSwitchTrips = run.Strategy.KillSwitchTrips,
            Halted = run.Strategy.Risk?.IsHalted ?? false,
            Gaps = Volatile.Read(ref c.Gaps),
            Resyncs = Volatile.Read(ref c.Resyncs),
            Crossed = Volatile.Read(ref c.Crossed),
            Symbols = symbols,
            RiskVerdicts = verdicts,
        };
    }

    /// <summary>
    /// Runs <paramref name="feed"/> to its end (or until <paramref name="cancel"/>) and returns what happened. A replay
    /// builds the feed from its recording with the Binance adapter (<c>ReplaySource.Feed</c>); its parse counters, when
    /// it parses frames, are reported through <see cref="IFrameParsingFeed"/>.
    /// </summary>
    public PipelineResult Run(IMarketEventFeed feed, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var syncOptions = new BookSyncOptions { Rule = _options.SyncRule, MaxLevelsPerSide = _options.MaxBookLevelsPerSide };
        int ringSize = _options.RingSize;
        using var processor = new BookFeatureProcessor(_symbols, syncOptions, _options.Features) { QuoteIsMarketState = feed.QuoteIsMarketState };
        var side = new EventSideBuffer(ringSize);
        var decisions = new DecisionRing(ringSize, processor.Features.Width, _options.ScoreWidth);
        var features = new BookFeatureStage(processor, side, decisions, _hooks.Canary);
        var online = _hooks.Online is { } oo ? new Online.OnlineStage(side, decisions, oo) : null;
        // Driving, the online layer runs inside stage B (the strategy reads its probabilities); else it is a side consumer like the shadow.
        var sideOnline = online is not null && !_hooks.Online!.Drive ? online : null;
        var inference = new InferenceStage(side, decisions, _models, _returns, online is not null && _hooks.Online!.Drive ? online : null,
            _options.MovePrior is { } prior ? new MovePriorStage(prior) : null, new WarmingStallLog(_symbols, _logger));
        // The simulated account is a margin account exactly when risk trades as one (one setting: risk.spotMargin).
        // A feed whose quote is the market state (L1 event formats) fills against that quote (PaperVenue).
        var gateway = _gateway ?? new PaperVenueFactory(_options.Trading.Exchange with { SpotMargin = _options.Trading.Risk.SpotMargin, ContractSizes = _options.Trading.Futures.ContractSizes }, syncOptions)
            { QuoteIsMarketState = feed.QuoteIsMarketState };
        var breakdown = _options.LatencyBreakdown ? new StageLatencyBreakdown() : null;
        // The symbols the desk trades: those registered when the producer publishes its first event, in every topology.
        var starting = new StartingSymbols(_symbols);
        using var strategy = new StrategyStage(_symbols, _options.Trading, gateway, _clock, processor.Features.Schema, side, decisions, _hooks.Observer, _logger,
            _hooks.OrderFlow, breakdown, starting) { Operator = _hooks.Operator };
        var shadow = _hooks.Shadow is { } so ? new ShadowStage(side, decisions, so, _logger) : null;
        var follower = _hooks.Follower is { } fo ? new FollowerStage(side, decisions, fo) : null;
        var run = new RunState(processor, features, inference, strategy, shadow);
        Volatile.Write(ref _run, run);

        // Latency percentiles, like the GC figures, describe the steady state: samples from warm-up are dropped.
        // JIT time (all threads) before the run, at the end of warm-up and at the end: what compiled inside the
        // measured steady state is reported (jitMsInWindow), not hidden in the latency figures.
        var jitStart = System.Runtime.JitInfo.GetCompilationTime();
        var jitWarm = jitStart;
        long warmTicks = 0;
        // Steady-state CPU time per thread (the producer here; each stage thread registers itself when threaded).
        var clocks = new ThreadClocks();
        string producer = _options.Topology == PipelineTopology.Threaded ? "producer" : "inline";
        clocks.RegisterCurrent(producer);
        var gc = new GcSampler(_options.WarmupEvents, () =>
        {
            clocks.MarkWarm();
            warmTicks = Stopwatch.GetTimestamp();
            jitWarm = System.Runtime.JitInfo.GetCompilationTime();
            strategy.RequestLatencyReset();
        });
        long start = Stopwatch.GetTimestamp();
        bool drained = true;
        ReplayFeeder feeder;
        IReadOnlyList<Stage>? stages = null; // threaded only: their ring batches, read once the window is closed
        if (_options.Topology == PipelineTopology.Threaded)
        {
            using var disruptor = new Disruptor<MarketEvent>(ringSize, ProducerType.Single, WaitStrategies.Create(_options.WaitStrategy),
                new DisruptorOptions
                {
                    Log = m => _logger.LogError("{Message}", m),
                    OnThreadStart = name => { clocks.RegisterCurrent(name); PinStage(name); },
                    OnThreadExit = clocks.MarkEnd,
                    MaxBatchSize = _options.StageBatch,
                });
            var (b, c) = AddDecisionStages(disruptor, features, inference, strategy, out var producerFeatures);
            if (follower is not null) disruptor.AddStage("follower", new FollowerStage.Handler(follower), c);
            // The shadow follows inference beside the strategy: the strategy never waits for the candidate (with inference
            // on the strategy's thread, b is that thread).
            if (shadow is not null) disruptor.AddStage("shadow", new ShadowStage.Handler(shadow), b);
            if (sideOnline is not null) disruptor.AddStage("online", new Online.OnlineStage.Handler(sideOnline), b);
            clocks.Declare(disruptor.Stages.Select(st => st.Name)); // threadCpu in the pipeline's order, whatever order threads start in
            disruptor.Start();
            feeder = new ReplayFeeder(disruptor.RingBuffer, side, starting, producerFeatures is null ? null : producerFeatures.Handle, _options.WakeBatch);
            run.Feeder = feeder;
            Volatile.Write(ref _feeder, feeder);
            var ring = disruptor.RingBuffer;
            gc.Backlog = () => ring.BufferSize - ring.RemainingCapacity; // read once, when the window opens
            feeder.Run(feed, () => gc.Observe(feeder.Published), cancel);
            clocks.MarkEnd(producer);
            drained = disruptor.DrainAndStop(TimeSpan.FromMinutes(10));
            if (!drained) _logger.LogError("Pipeline stopped before draining: {Fault}", disruptor.Fault?.Message ?? "timeout");
            stages = disruptor.Stages;
        }
        else
        {
            // Inline, no thread ever waits on the ring (the stages run here, after each publish), so the wait strategy
            // is one that signals nothing: a blocking one would pay a full fence per publish and per stage release.
            var ring = new RingBuffer<MarketEvent>(ringSize, ProducerType.Single, new BusySpinWaitStrategy());
            var ca = new InlineConsumer<MarketEvent, BookFeatureStage.Handler>(ring, new BookFeatureStage.Handler(features, ring));
            var cb = new InlineConsumer<MarketEvent, InferenceStage.Handler>(ring, new InferenceStage.Handler(inference), ca.Sequence);
            var cc = new InlineConsumer<MarketEvent, StrategyStage.Handler>(ring, new StrategyStage.Handler(strategy, ring), cb.Sequence);
            ring.AddGatingSequences(cc.Sequence);
            // Inline, the shadow runs after the strategy has taken the decisions of what was published.
            var cs = shadow is null ? null : new InlineConsumer<MarketEvent, ShadowStage.Handler>(ring, new ShadowStage.Handler(shadow), cb.Sequence);
            if (cs is not null) ring.AddGatingSequences(cs.Sequence);
            var co = sideOnline is null ? null : new InlineConsumer<MarketEvent, Online.OnlineStage.Handler>(ring, new Online.OnlineStage.Handler(sideOnline), cb.Sequence);
            if (co is not null) ring.AddGatingSequences(co.Sequence);
            // The follower last: it may swap the live model, which then serves from the next event on.
            var cf = follower is null ? null : new InlineConsumer<MarketEvent, FollowerStage.Handler>(ring, new FollowerStage.Handler(follower), cc.Sequence);
            if (cf is not null) ring.AddGatingSequences(cf.Sequence);
            feeder = new ReplayFeeder(ring, side, starting);
            run.Feeder = feeder;
            Volatile.Write(ref _feeder, feeder);
            feeder.Run(feed, () =>
            {
                ca.ProcessAvailable();
                cb.ProcessAvailable();
                cc.ProcessAvailable();
                cs?.ProcessAvailable();
                co?.ProcessAvailable();
                cf?.ProcessAvailable();
                gc.Observe(feeder.Published);
            }, cancel);
            clocks.MarkEnd(producer);
        }
        var steady = gc.Finish(feeder.Published);
        strategy.Finish();
        long end = Stopwatch.GetTimestamp();
        var jitEnd = System.Runtime.JitInfo.GetCompilationTime();
        double elapsed = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        var warmup = warmTicks == 0
            ? new WarmupFigures(feeder.Published, elapsed, (jitEnd - jitStart).TotalMilliseconds, 0, 0)
            : new WarmupFigures(feeder.Published - steady.Events, Stopwatch.GetElapsedTime(start, warmTicks).TotalSeconds,
                (jitWarm - jitStart).TotalMilliseconds, Stopwatch.GetElapsedTime(warmTicks, end).TotalSeconds, (jitEnd - jitWarm).TotalMilliseconds);
        Volatile.Write(ref _feeder, null);
        run.Running = false;

        var verdicts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (strategy.Risk is { } risk)
            foreach (var v in Enum.GetValues<RiskVerdict>())
                if (risk.Counters[v] > 0) verdicts[v.ToString()] = risk.Counters[v];
        var router = strategy.Router;
        var untraded = strategy.UntradedReasons();
        LogWarmingStalls(inference);
        LogNeverSynced(features.Decisions, verdicts, processor.Sync.Counters, processor.QuoteIsMarketState);
        return new PipelineResult
        {
            Events = feeder.Published,
            Frames = feeder.Frames,
            Decisions = features.Decisions,
            Orders = strategy.OrdersSent,
            ElapsedSeconds = elapsed,
            Digest = strategy.Digest.Hex,
            Gen0Collections = steady.Gen0,
            Gen1Collections = steady.Gen1,
            Gen2Collections = steady.Gen2,
            AllocatedBytes = steady.AllocatedBytes,
            ProducerThreadAllocatedBytes = steady.ThreadBytes,
            SteadyEvents = steady.Events,
            Drained = drained,
            Parse = (feed as IFrameParsingFeed)?.ParseCounters,
            Sync = processor.Sync.Counters,
            Inference = new InferenceFigures(inference.Batches, inference.Rows, inference.NoModelRows, inference.FailedRows) 
            {
                WarmingRows = inference.WarmingRows, MovePriorRows = inference.MovePriorRows,
                WarmingUnsyncedRows = inference.WarmingUnsyncedRows, WarmingStalls = inference.Stalls.Stalls,
                WarmingUnsyncedStalls = inference.Stalls.UnsyncedStalls,
                WarmingStallSymbol = inference.Stalls.LastSymbol >= 0 && inference.Stalls.LastSymbol < _symbols.Count ? _symbols[inference.Stalls.LastSymbol].Name : null,
                WarmingStallLimitSeconds = inference.Stalls.LastLimitNs / 1e9,
            },
            Trading = new TradingFigures(router?.ModelSignals ?? 0, router?.FallbackSignals ?? 0, router?.Switches ?? 0,
                strategy.KillSwitchTrips, strategy.UntradedDecisions, verdicts, strategy.Equity, strategy.Risk?.IsHalted ?? false)
            {
                Execution = strategy.Desk is { } desk ? Execution(desk) : null,
                ModelGatedFallbackSignals = router?.ModelGatedFallbackSignals ?? 0,
                Edge = strategy.Risk?.EdgeStats.Figures(id => _symbols[id].Name),
                TradingDisabled = strategy.TradingDisabled,
                UntradedSymbols = strategy.UntradedDecisions == 0 ? [] : [.. _symbols.All.Where(x => untraded.ContainsKey(x.Name)).Select(x => x.Name)],
                UntradedReasons = untraded,
                AccountAsset = strategy.AccountAsset,
                AccountAssetUsd = CoinMid(strategy.Desk, out string? coinSymbol),
                AccountAssetUsdSymbol = coinSymbol,
            },
            Shadow = shadow?.Report(),
            Online = online?.Report(),
            Futures = strategy.Desk?.Margin is { } margin ? Trading.Margin.MarginSummary.Of(margin) : null,
            TickToOrder = strategy.Desk?.TickToOrder,
            LatencyCauses = breakdown?.Figures(),
            Warmup = warmup,
            ThreadTimes = WithRingBatches(clocks.Figures(), stages),
            CrossSymbol = processor.Features.Options.CrossSymbol is { } cross
                ? new CrossSymbolFigures(cross.Leader, processor.Features.CrossSymbolLiveRows, processor.Features.CrossSymbolNeutralRows, processor.Features.CrossSymbolLeaderRows)
                : null,
        };
    }

    // Each stage thread's figures with the ring batches its stage handled (the producer has none).
    private static IReadOnlyList<ThreadTimeFigures> WithRingBatches(IReadOnlyList<ThreadTimeFigures> threads, IReadOnlyList<Stage>? stages) =>
        stages is null ? threads : [.. threads.Select(t => stages.FirstOrDefault(s => s.Name == t.Name) is { } s ? t with { RingBatches = s.Batches } : t)];

    private static ExecutionFigures Execution(Trading.Execution.TradingDesk desk)
    {
        var (x, q) = (desk.Executions, desk.Quotes);
        return new ExecutionFigures(x.Fills, x.MakerFills, x.TakerFills, x.Rejects, x.PostOnlyRejects, q.Cancels, q.Replaces,
            q.SignalCancels, q.UnlikelyFillCancels, q.SelfCrossCancels, q.TakeProfits, q.TimeStops, q.AdverseStops, q.StopOrders, q.RateLimited,
            q.ChaseCancels, x.FilterRejects);
    }

    // Stages A, B and C on StageThreads threads; returns the stage after which inference is done and the strategy's,
    // and, with FeaturesOnProducer, stage A for the producer to run before each publish.
    // 3:  producer ==> [features] -> [inference] -> [strategy]
    // 2:  producer ==> [features] -> [inference + strategy]
    // 1:  producer ==> [features + inference + strategy]
    // FeaturesOnProducer, 1:  [producer + features] ==> [inference + strategy]
    // FeaturesOnProducer, 2:  [producer + features] ==> [inference] -> [strategy]
    private (Stage Inferred, Stage Strategy) AddDecisionStages(Disruptor<MarketEvent> disruptor, BookFeatureStage features, InferenceStage inference,
        StrategyStage strategy, out ProducerStage<MarketEvent, BookFeatureStage.Handler>? producerFeatures)
    {
        var ring = disruptor.RingBuffer;
        var fh = new BookFeatureStage.Handler(features, ring);
        var ih = new InferenceStage.Handler(inference);
        var sh = new StrategyStage.Handler(strategy, ring);
        producerFeatures = null;
        if (_options.FeaturesOnProducer)
        {
            producerFeatures = new ProducerStage<MarketEvent, BookFeatureStage.Handler>(ring, fh);
            if (_options.StageThreads == 2)
            {
                var i = disruptor.AddStage("inference", ih);
                return (i, disruptor.AddStage("strategy", sh, i));
            }
            var both = disruptor.AddStage(InferenceStrategy, new ChainedHandler<MarketEvent, InferenceStage.Handler, StrategyStage.Handler>(ring, ih, sh));
            return (both, both);
        }
        switch (_options.StageThreads)
        {
            case 1:
                var abc = disruptor.AddStage(AllStages, new ChainedHandler<MarketEvent, ChainedHandler<MarketEvent, BookFeatureStage.Handler, InferenceStage.Handler>,
                    StrategyStage.Handler>(ring, new(ring, fh, ih), sh));
                return (abc, abc);
            case 2:
                var bc = disruptor.AddStage(InferenceStrategy, new ChainedHandler<MarketEvent, InferenceStage.Handler, StrategyStage.Handler>(ring, ih, sh),
                    disruptor.AddStage("features", fh));
                return (bc, bc);
            default:
                var b = disruptor.AddStage("inference", ih, disruptor.AddStage("features", fh));
                return (b, disruptor.AddStage("strategy", sh, b));
        }
    }

    private const string InferenceStrategy = "inference+strategy", AllStages = "stages";

    private void PinStage(string stage)
    {
        // A thread carrying several stages takes the core of the first of them (stageCores: features, inference, strategy).
        int index = stage switch { "features" or AllStages => 0, "inference" or InferenceStrategy => 1, "strategy" => 2, _ => -1 };
        if (index < 0 || index >= _options.StageCores.Count) return;
        int core = _options.StageCores[index];
        if (ThreadAffinity.TryPinCurrentThread(core, out var error)) _logger.LogInformation("Stage {Stage} pinned to core {Core}", stage, core);
        else _logger.LogWarning("Stage {Stage} not pinned to core {Core}: {Error}", stage, core, error);
    }

    // A coin account's coin in USD: the last mid of the first traded inverse contract with a book (its price is USD per coin).
    private double? CoinMid(Trading.Execution.TradingDesk? desk, out string? symbol)
    {
        symbol = null;
        if (desk is null) return null;
        var amounts = desk.Ledger.Amounts;
        for (int i = 0; i < desk.SymbolCount; i++)
        {
            ref readonly var p = ref desk.Ledger.Position(i);
            if (!amounts.IsTraded(i) || !amounts.IsInverse(i) || p.BidTicks <= 0 || p.AskTicks <= 0) continue;
            symbol = _symbols[i].Name;
            return (_symbols[i].PriceToDouble(p.BidTicks) + _symbols[i].PriceToDouble(p.AskTicks)) / 2;
        }
        return null;
    }
}
