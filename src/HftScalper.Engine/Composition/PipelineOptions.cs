using HftScalper.Binance.Sync;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Reporting;
using HftScalper.Features.Engine;

namespace HftScalper.Engine.Composition;

/// <summary>Everything that shapes one pipeline run. Validated by <see cref="Validate"/>.</summary>
public sealed record PipelineOptions
{
    /// <summary>Slots in the event ring (and in the decision ring): a power of two, at least 1024.</summary>
    public int RingSize { get; init; } = 1 << 14;

    /// <summary>Thread layout (inline by default for backtests).</summary>
    public PipelineTopology Topology { get; init; } = PipelineTopology.Inline;

    /// <summary>Wait strategy of threaded stages: <c>blocking</c> (default, no spinning), <c>sleeping</c>, <c>yielding</c>, <c>busyspin</c>.</summary>
    public string WaitStrategy { get; init; } = "blocking";

    /// <summary>Cores to pin the threaded stages to, in order features, inference, strategy (empty = not pinned).</summary>
    public IReadOnlyList<int> StageCores { get; init; } = [];

    /// <summary>Depth-sync rule (spot U/u chaining or futures pu chaining).</summary>
    public DepthSyncRule SyncRule { get; init; } = DepthSyncRule.Spot;

    /// <summary>Venue under which unknown symbols in a recording are registered.</summary>
    public string Venue { get; init; } = "binance-spot";

    /// <summary>Feature engine settings (decision triggers, windows).</summary>
    public FeatureEngineOptions? Features { get; init; }

    /// <summary>Signals, risk, paper exchange, equity.</summary>
    public TradingOptions Trading { get; init; } = new();

    /// <summary>What the run records for its report.</summary>
    public RunRecorderOptions Recorder { get; init; } = new();

    /// <summary>Score columns per decision (the widest model output; 3 for down/flat/up classifiers).</summary>
    public int ScoreWidth { get; init; } = 3;

    /// <summary>Events after which GC counters are sampled as the steady-state baseline (warm-up excluded).</summary>
    public long WarmupEvents { get; init; } = 50_000;

    /// <summary>Most levels each native book keeps per side (<see cref="BookSyncOptions.MaxLevelsPerSide"/>).</summary>
    public int MaxBookLevelsPerSide { get; init; } = Native.NativeOrderBook.DefaultMaxLevelsPerSide;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (RingSize < 1024 || (RingSize & (RingSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(RingSize), "ring size must be a power of two >= 1024");
        if (ScoreWidth < 1) throw new ArgumentOutOfRangeException(nameof(ScoreWidth));
        if (WarmupEvents < 0) throw new ArgumentOutOfRangeException(nameof(WarmupEvents));
        foreach (int c in StageCores)
            if (c < 0 || c >= Environment.ProcessorCount) throw new ArgumentOutOfRangeException(nameof(StageCores), $"core {c} is outside 0..{Environment.ProcessorCount - 1}");
        _ = WaitStrategies.Create(WaitStrategy);
    }
}
