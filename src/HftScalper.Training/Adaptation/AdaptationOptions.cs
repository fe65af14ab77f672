using HftScalper.Features.Regime;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Lifecycle;
using HftScalper.Training.Models;

namespace HftScalper.Training.Adaptation;

/// <summary>Settings of the <see cref="AdaptationLoop"/> (<c>--adapt</c>): when to retrain, on what, and how candidates are judged.
/// Times are exchange time, so a replay runs the loop the same way every time.</summary>
public sealed record AdaptationOptions
{
    /// <summary>Horizon the live model predicts and candidates are trained for, ns (the served model's).</summary>
    public required long HorizonNs { get; init; }

    /// <summary>Labelling threshold of the direction classes (the served model's).</summary>
    public MoveThreshold Threshold { get; init; } = new(0, false);

    /// <summary>Feature profile candidates are exported with (the served model's, so they are hot-swappable with it).</summary>
    public FeatureProfile Profile { get; init; } = FeatureProfile.Default;

    /// <summary>Sampling clock of the training window, ns of exchange time (default 100 ms).</summary>
    public long SampleIntervalNs { get; init; } = 100_000_000;

    /// <summary>Span of recent samples a candidate is trained on, ns (default 5 min).</summary>
    public long WindowNs { get; init; } = 300_000_000_000;

    /// <summary>Most sampled rows kept (the memory cap of the window and of one training run; default 20,000).</summary>
    public int MaxRows { get; init; } = 20_000;

    /// <summary>The followed symbol is dropped for the one deciding when it has made no decision for this long, ns of
    /// exchange time (default 60 s; 0 = never: the first symbol is followed to the end).</summary>
    public long FollowSilenceNs { get; init; } = 60_000_000_000;

    /// <summary>Linux nice value of the <c>hft-adapt</c> worker thread (0..19; default 19, the lowest priority; 0 =
    /// the pipeline's priority). Raising niceness needs no privilege.</summary>
    public int WorkerNice { get; init; } = AdaptWorker.LowestNice;

    /// <summary>Fewest labelled samples a retrain needs (fewer: the retrain is skipped and counted).</summary>
    public int MinSamples { get; init; } = 300;

    /// <summary>Exchange time between a retrain's trigger and its candidate entering the shadow, ns (default 60 s). In
    /// replay the run waits there for the trainer if it is not done, so the candidate lands at the same event every run.</summary>
    public long RetrainDelayNs { get; init; } = 60_000_000_000;

    /// <summary>Scheduled retrain period, ns of exchange time (0 = none).</summary>
    public long RetrainEveryNs { get; init; }

    /// <summary>On-demand retrains at these offsets from the run's first event, ns.</summary>
    public IReadOnlyList<long> RetrainAtNs { get; init; } = [];

    /// <summary>A drift-triggered retrain trains on what came after the estimated change point (where the loss began to
    /// rise, <see cref="Reporting.LossDriftDetector.RiseStartNs"/>) and waits until that span is this long, ns (default 60 s).</summary>
    public long MinTrainSpanNs { get; init; } = 60_000_000_000;

    /// <summary>Retrain when the loss-drift test fires (default true).</summary>
    public bool RetrainOnDrift { get; init; } = true;

    /// <summary>Block length of the loss-drift test, ns (default <see cref="OutcomeBlocks.DurationFor"/> of the horizon).</summary>
    public long DriftBlockNs { get; init; }

    /// <summary>Reference blocks of the loss-drift test (default 60, <see cref="Reporting.LossDriftDetector"/>).</summary>
    public int DriftReferenceBlocks { get; init; } = 60;

    /// <summary>Slack k of the loss-drift test, in reference spreads (default 1).</summary>
    public double DriftSlack { get; init; } = 1;

    /// <summary>Alarm level h of the loss-drift test, in reference spreads (default 15).</summary>
    public double DriftThreshold { get; init; } = 15;

    /// <summary>True (replay): wait for the trainer at the candidate's due time. False (live): the candidate enters
    /// when both its due time has passed and the trainer is done.</summary>
    public bool WaitForTrainer { get; init; } = true;

    /// <summary>LightGBM parameters of a candidate (fixed, no search: a retrain is bounded and deterministic).</summary>
    public GbmParameters Parameters { get; init; } = new(15, 0.1, 40, 60, 1.0, 0.8, 10);

    /// <summary>Walk-forward folds the trainer validates a candidate on (default 2).</summary>
    public int Folds { get; init; } = 2;

    /// <summary>Exchange time between two health checks (promotion, probation), ns (default 1 s).</summary>
    public long CheckEveryNs { get; init; } = 1_000_000_000;

    /// <summary>Length of one point of the accuracy timeline, ns (default 10 s).</summary>
    public long TimelineBucketNs { get; init; } = 10_000_000_000;

    /// <summary>Offset from the run's first event at which the market is known to change (the windows "before" and
    /// "after the change"), ns; null = unknown (the first alarm's change-point estimate splits them).</summary>
    public long? ChangeAtNs { get; init; }

    /// <summary>Follow this symbol id only, from its first decision to the end (null: the first to decide on a synced
    /// book, switching per <see cref="FollowSilenceNs"/>). Per-symbol adaptation (<see cref="SymbolAdaptation"/>) pins one loop per symbol.</summary>
    public int? PinnedSymbol { get; init; }

    /// <summary>The loop scores its lifecycle's shadow itself (candidate vs live on the followed symbol's decisions, outcomes
    /// from its own resolver) instead of the pipeline's shadow stage: per-symbol adaptation, one shadow per symbol.</summary>
    public bool ScoreShadow { get; init; }

    /// <summary>Transfer by pooling (per-symbol adaptation): a retrain of a symbol whose window holds fewer than this many
    /// samples trains on them plus the other adapted symbols' recent samples, each labelled on its own prices; the
    /// candidate still has to beat the model serving the symbol on the symbol's own decisions. 0 (default) = never.</summary>
    public int TransferBelowRows { get; init; }

    /// <summary>How a symbol below <see cref="TransferBelowRows"/> learns from the others: <see cref="TransferMode.Pool"/>
    /// (default: its samples plus theirs, from scratch) or <see cref="TransferMode.WarmStart"/> (the shared model it
    /// starts from, fine-tuned on its own samples: boosting continues from the shared model's raw scores).</summary>
    public TransferMode Transfer { get; init; } = TransferMode.Pool;

    /// <summary>Block length of the drift test actually used.</summary>
    internal long EffectiveDriftBlockNs => DriftBlockNs > 0 ? DriftBlockNs : OutcomeBlocks.DurationFor(HorizonNs);
}
