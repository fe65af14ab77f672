using HftScalper.Binance.Sync;
using HftScalper.Core.Settings;
using HftScalper.Engine.Pipeline;
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

    /// <summary>Threads carrying the threaded topology's stages behind the producer: 2 (default: features; inference then
    /// strategy on one, per ring batch), 1 (all three on one) or 3 (one each). Same decisions in each. Which thread
    /// carries most depends on the input (the simulator's producer generates and parses: ~40 % of the work; a recording's
    /// only parses: ~20 %); with 2, the three threads can share two cores about evenly on both (bench/README, Session 16).</summary>
    public int StageThreads { get; init; } = 2;

    /// <summary>The threaded topology's producer runs the features stage (book + features) itself, on each message's
    /// slots before it publishes them, so the ring carries events whose decisions' feature rows are written; the stage
    /// threads then carry inference and strategy only (<see cref="StageThreads"/> 1: both on one thread, the layout
    /// [source + features] | [inference + strategy]; 2: one each; 3 is refused). Fewer threads and hand-offs on a 2-core
    /// machine (bench/README, Session 18). Same decisions.</summary>
    public bool FeaturesOnProducer { get; init; }

    /// <summary>Most events a threaded stage takes in one ring batch (0, the default = all that is published upstream).
    /// A stage frees and hands on its events only at a batch's end; uncapped, behind a producer that fills the ring (a
    /// journal), each stage thread takes ~10,000-event batches in turn. Capping them (e.g. 4,096) was measured slower on
    /// the 08-08 journal, not faster (bench/README, Session 17): a knob for measuring, off by default. Same decisions
    /// with any value (a depth message split by a batch end is handled level by level).</summary>
    public int StageBatch { get; init; }

    /// <summary>Threaded: the producer wakes a stage thread sleeping on the ring once this many events wait (and when the
    /// feed ends) instead of after every message (0, the default). Batched, a stage that keeps up with a slower producer
    /// is not woken and put back to sleep once per message. Only for a feed whose reads never wait (an unpaced replay):
    /// what was published before a read that waits for input (a live socket, a paced replay) would wait with it. The
    /// ring wakes the stages itself before the producer waits for free slots. Same decisions with any value.</summary>
    public int WakeBatch { get; init; }

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

    /// <summary>Serve the direction model with the per-symbol move-prior correction (null = as it is): set from the
    /// model's <c>hft.move_prior</c> metadata by the commands that serve it, not a configuration setting.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Inference.Calibration.MovePriorServing? MovePrior { get; init; }

    /// <summary>Score columns per decision (the widest model output; 3 for down/flat/up classifiers).</summary>
    public int ScoreWidth { get; init; } = 3;

    /// <summary>Events after which GC counters are sampled as the steady-state baseline (warm-up excluded).</summary>
    public long WarmupEvents { get; init; } = 50_000;

    /// <summary>Record each decision's stage times against what it made the stages do (<see cref="PipelineResult.LatencyCauses"/>):
    /// a diagnostic of the latency tail, off by default (it allocates a histogram per cause seen).</summary>
    public bool LatencyBreakdown { get; init; }

    /// <summary>Most levels each native book keeps per side (<see cref="BookSyncOptions.MaxLevelsPerSide"/>).</summary>
    public int MaxBookLevelsPerSide { get; init; } = Native.NativeOrderBook.DefaultMaxLevelsPerSide;

    /// <summary>The threads a run of these options uses and the stages each carries, as the stage threads are named
    /// (<c>threadCpu</c>): e.g. <c>producer+features | inference+strategy</c>; <c>inline</c> for one thread.</summary>
    public string DescribeThreads() => Topology == PipelineTopology.Inline ? "inline" : (FeaturesOnProducer, StageThreads) switch
    {
        (true, 1) => "producer+features | inference+strategy",
        (true, _) => "producer+features | inference | strategy",
        (false, 1) => "producer | features+inference+strategy",
        (false, 2) => "producer | features | inference+strategy",
        _ => "producer | features | inference | strategy",
    };

    /// <summary>Largest event ring accepted (4 Mi slots).</summary>
    public const int MaxRingSize = 1 << 22;

    /// <summary>
    /// Throws a <see cref="SettingException"/> when a setting is out of range, naming the key as a configuration file
    /// writes it: <paramref name="keyPrefix"/> then the camelCase property path (e.g. <c>trading.risk.kellyFraction</c>).
    /// </summary>
    public void Validate(string keyPrefix = "")
    {
        string K(string name) => keyPrefix + name;
        if (RingSize < 1024 || RingSize > MaxRingSize || (RingSize & (RingSize - 1)) != 0)
            throw new SettingException($"{K("ringSize")} = {RingSize} must be a power of two in [1024, {MaxRingSize}]");
        if (!Enum.IsDefined(Topology)) throw new SettingException($"{K("topology")} = {Topology} is not one of inline, threaded");
        SettingRange.CheckOneOf(K("waitStrategy"), WaitStrategy, [.. WaitStrategies.Names]);
        SettingRange.Check(K("stageThreads"), StageThreads, 1, FeaturesOnProducer ? 2 : 3);
        SettingRange.Check(K("stageBatch"), StageBatch, 0, MaxRingSize);
        SettingRange.Check(K("wakeBatch"), WakeBatch, 0, MaxRingSize);
        SettingRange.Check(K("scoreWidth"), ScoreWidth, 1, 1024);
        SettingRange.Check(K("warmupEvents"), WarmupEvents, 0, long.MaxValue);
        SettingRange.Check(K("maxBookLevelsPerSide"), MaxBookLevelsPerSide, 1, 1_000_000);
        for (int i = 0; i < StageCores.Count; i++)
            SettingRange.Check($"{K("stageCores")}[{i}]", StageCores[i], 0, Environment.ProcessorCount - 1);
        Trading.Validate(K("trading."));
    }

    /// <summary>Parses a topology name (<c>inline</c> or <c>threaded</c>, any case); anything else, numbers included, is a
    /// <see cref="SettingException"/> naming <paramref name="key"/>.</summary>
    public static PipelineTopology ParseTopology(string key, string value)
    {
        SettingRange.CheckOneOf(key, value, "inline", "threaded");
        return Enum.Parse<PipelineTopology>(value, ignoreCase: true);
    }
}
