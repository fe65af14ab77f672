using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Engine.Online;
using HftScalper.Engine.Shadow;

namespace HftScalper.Engine.Composition;

/// <summary>What one pipeline run did: counts, the decision digest, GC figures (what was recorded for the report is the
/// observer's: <see cref="PipelineHooks.Observer"/>).</summary>
public sealed record PipelineResult
{
    /// <summary>Market events through the ring.</summary>
    public long Events { get; init; }

    /// <summary>Frames read (frame formats only).</summary>
    public long Frames { get; init; }

    /// <summary>Decision events.</summary>
    public long Decisions { get; init; }

    /// <summary>Orders sent to the execution gateway.</summary>
    public long Orders { get; init; }

    /// <summary>Wall time of the run in seconds.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Digest of every decision (16 hex digits).</summary>
    public string Digest { get; init; } = "";

    /// <summary>Gen0 collections after warm-up.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Gen1 collections after warm-up.</summary>
    public int Gen1Collections { get; init; }

    /// <summary>Gen2 collections after warm-up.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Bytes allocated (all threads) after warm-up.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Bytes the producer thread allocated after warm-up (in the inline topology: every stage's work).</summary>
    public long ProducerThreadAllocatedBytes { get; init; }

    /// <summary>Events after warm-up (the denominator of allocated bytes per event).</summary>
    public long SteadyEvents { get; init; }

    /// <summary>True when the pipeline drained every event (false after a stage fault or a timeout).</summary>
    public bool Drained { get; init; }

    /// <summary>Parser counters (frame formats only).</summary>
    public ParseCounters? Parse { get; init; }

    /// <summary>Book-sync counters of stage A.</summary>
    public required BookSyncCounters Sync { get; init; }

    /// <summary>Model batches and rows, fallback and failure counts.</summary>
    public required InferenceFigures Inference { get; init; }

    /// <summary>Signal and risk counters.</summary>
    public required TradingFigures Trading { get; init; }

    /// <summary>USD-M margin and funding figures (null when no symbol was on a USD-M venue).</summary>
    public Trading.Margin.MarginSummary? Futures { get; init; }

    /// <summary>The shadow candidate's figures (null when the run had no shadow hook).</summary>
    public ShadowReport? Shadow { get; init; }

    /// <summary>The online layer's prequential figures (null when the run had no online hook).</summary>
    public OnlineReport? Online { get; init; }

    /// <summary>Frame received -> order handed to a simulated gateway, ns (<see cref="Trading.Execution.TradingDesk.TickToOrder"/>;
    /// null when trading was disabled). A live gateway's figure is its WebSocket API client's (bytes written).</summary>
    public Core.Time.LatencyHistogram? TickToOrder { get; init; }

    /// <summary>Steady-state stage times per cause (<see cref="PipelineOptions.LatencyBreakdown"/>; null when off).</summary>
    public IReadOnlyList<LatencyCauseFigures>? LatencyCauses { get; init; }

    /// <summary>The warm-up (the first <see cref="PipelineOptions.WarmupEvents"/>) and the JIT time on each side of it.</summary>
    public WarmupFigures? Warmup { get; init; }

    /// <summary>Steady-state CPU and run-queue time of each pipeline thread (<c>inline</c>: the one thread running every
    /// stage; threaded: <c>producer</c> and one per stage); empty before the warm-up ends or where Linux schedstat is missing.</summary>
    public IReadOnlyList<ThreadTimeFigures> ThreadTimes { get; init; } = [];

    /// <summary>The opt-in cross-symbol feature block's counters (null when the served model does not ask for it).</summary>
    public CrossSymbolFigures? CrossSymbol { get; init; }

    /// <summary>Allocated bytes per steady-state event.</summary>
    public double AllocatedBytesPerEvent => SteadyEvents == 0 ? 0 : (double)AllocatedBytes / SteadyEvents;
}

/// <summary>Inference-stage counters of a run.</summary>
public sealed record InferenceFigures(long Batches, long Rows, long NoModelRows, long FailedRows)
{
    /// <summary>Rows a sequence model answered as warming (its window of the symbol still filling): no prediction.</summary>
    public long WarmingRows { get; init; }

    /// <summary>Of <see cref="WarmingRows"/>, rows whose book was not synced (the model keeps no history from them).</summary>
    public long WarmingUnsyncedRows { get; init; }

    /// <summary>Symbols that stayed warming far longer than the model's warm-up (each streak counted once).</summary>
    public long WarmingStalls { get; init; }

    /// <summary>Of <see cref="WarmingStalls"/>, those in which the symbol's book never synced.</summary>
    public long WarmingUnsyncedStalls { get; init; }

    /// <summary>The symbol of the latest stall (null before any).</summary>
    public string? WarmingStallSymbol { get; init; }

    /// <summary>The stall length the latest stall crossed, seconds of exchange time.</summary>
    public double WarmingStallLimitSeconds { get; init; }

    /// <summary>Rows whose probabilities the move-prior correction changed (0 when the model does not ask for it).</summary>
    public long MovePriorRows { get; init; }
}

/// <summary>Strategy-stage counters of a run.</summary>
public sealed record TradingFigures(long ModelSignals, long FallbackSignals, long SignalSwitches, long KillSwitchTrips,
    long UntradedDecisions, IReadOnlyDictionary<string, long> RiskVerdicts, double FinalEquity, bool Halted)
{
    /// <summary>Execution and quote-management counts (null when trading was disabled).</summary>
    public ExecutionFigures? Execution { get; init; }

    /// <summary>Fallback signals made while a healthy model gated their entries (<c>directionSource</c> Fallback;
    /// included in <see cref="FallbackSignals"/>).</summary>
    public long ModelGatedFallbackSignals { get; init; }

    /// <summary>The expected-value gate's figures: moves, costs, how many cleared (null when trading was disabled).</summary>
    public Trading.Economics.EdgeFigures? Edge { get; init; }

    /// <summary>Why nothing was traded (null when trading was on).</summary>
    public string? TradingDisabled { get; init; }

    /// <summary>Symbols not traded, in id order (their decisions are <see cref="UntradedDecisions"/>): first seen after
    /// trading started, quoted in another asset than the account's, or all of them when trading is disabled.</summary>
    public IReadOnlyList<string> UntradedSymbols { get; init; } = [];

    /// <summary>Why each symbol of <see cref="UntradedSymbols"/> (and each one refused at the start, decisions or not)
    /// is not traded, by name.</summary>
    public IReadOnlyDictionary<string, string> UntradedReasons { get; init; } = new Dictionary<string, string>();

    /// <summary>The asset the account holds: equity, fees and PnL are amounts of it (null when no event arrived).</summary>
    public string? AccountAsset { get; init; }

    /// <summary>A coin account's (COIN-M) coin valued in USD at the end: the last mid of <see cref="AccountAssetUsdSymbol"/>,
    /// the first traded inverse contract with a book (null for any other account, or before a mark).</summary>
    public double? AccountAssetUsd { get; init; }

    /// <summary>The contract whose mid values <see cref="AccountAssetUsd"/>.</summary>
    public string? AccountAssetUsdSymbol { get; init; }
}

/// <summary>What happened to the orders of a run: fills by liquidity, rejects, and the quote manager's actions.</summary>
public sealed record ExecutionFigures(long Fills, long MakerFills, long TakerFills, long Rejects, long PostOnlyRejects,
    long Cancels, long Replaces, long SignalCancels, long UnlikelyFillCancels, long SelfCrossCancels, long TakeProfits,
    long TimeStops, long AdverseStops, long StopOrders, long RateLimited, long ChaseCancels = 0, long FilterRejects = 0);

/// <summary>Cross-symbol block of a run: its leader and how many rows carried the leader's values, neutral values
/// (leader missing, not live, warming up), or were the leader's own (neutral by definition).</summary>
public sealed record CrossSymbolFigures(string Leader, long LiveRows, long NeutralRows, long LeaderRows);
