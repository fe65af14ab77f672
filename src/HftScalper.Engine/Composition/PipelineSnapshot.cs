using HftScalper.Binance.Sync;

namespace HftScalper.Engine.Composition;

/// <summary>
/// The pipeline's own counters at one moment, read by the metrics side while a run goes on (or after it). Each
/// figure is read without a lock from the stage that writes it, so figures of different stages may be a few events
/// apart; each one is monotonic and never torn (aligned 64-bit reads).
/// </summary>
public sealed record PipelineSnapshot
{
    /// <summary>True while <c>TradingPipeline.Run</c> is running.</summary>
    public bool Running { get; init; }

    /// <summary>Market events published into the ring.</summary>
    public long Events { get; init; }

    /// <summary>Frames read (frame sources).</summary>
    public long Frames { get; init; }

    /// <summary>Decision events made by stage A.</summary>
    public long Decisions { get; init; }

    /// <summary>Decisions the strategy handled.</summary>
    public long StrategyDecisions { get; init; }

    /// <summary>Orders sent to the execution gateway.</summary>
    public long Orders { get; init; }

    /// <summary>Model calls of the inference stage.</summary>
    public long InferenceBatches { get; init; }

    /// <summary>Rows the model predicted.</summary>
    public long InferenceRows { get; init; }

    /// <summary>Rows that found no model.</summary>
    public long NoModelRows { get; init; }

    /// <summary>Rows the model failed on.</summary>
    public long FailedRows { get; init; }

    /// <summary>Rows a warming sequence model had no prediction for.</summary>
    public long WarmingRows { get; init; }

    /// <summary>Symbols a sequence model stayed warming for far longer than its warm-up.</summary>
    public long WarmingStalls { get; init; }

    /// <summary>Of <see cref="WarmingStalls"/>, those in which the symbol's book never synced.</summary>
    public long WarmingUnsyncedStalls { get; init; }

    /// <summary>Of <see cref="WarmingRows"/>, rows whose book was not synced.</summary>
    public long WarmingUnsyncedRows { get; init; }

    /// <summary>Signals from the model.</summary>
    public long ModelSignals { get; init; }

    /// <summary>Signals from the rule-based fallback.</summary>
    public long FallbackSignals { get; init; }

    /// <summary>Kill-switch trips.</summary>
    public long KillSwitchTrips { get; init; }

    /// <summary>True while trading is halted by the kill switch.</summary>
    public bool Halted { get; init; }

    /// <summary>Book-sync gaps (update ids skipped).</summary>
    public long Gaps { get; init; }

    /// <summary>Book resyncs.</summary>
    public long Resyncs { get; init; }

    /// <summary>Crossed books discarded.</summary>
    public long Crossed { get; init; }

    /// <summary>Sync state of each registered symbol's book (stage A's view).</summary>
    public IReadOnlyList<(string Symbol, BookSyncState State)> Symbols { get; init; } = [];

    /// <summary>Risk verdict counts by verdict name.</summary>
    public IReadOnlyList<(string Verdict, long Count)> RiskVerdicts { get; init; } = [];
}
