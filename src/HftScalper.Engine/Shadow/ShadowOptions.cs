using HftScalper.Inference.Lifecycle;

namespace HftScalper.Engine.Shadow;

/// <summary>How a run scores a shadow candidate beside the live model (<see cref="ShadowStage"/>).</summary>
public sealed record ShadowOptions
{
    /// <summary>The candidate (in its host) and the running scores. The lifecycle's <see cref="ModelLifecycle.Shadow"/> or one built for the run.</summary>
    public required ShadowScorer Scorer { get; init; }

    /// <summary>Horizon after which a decision's realised direction scores both models, ns (use the live model's). Default 5 s.</summary>
    public long HorizonNs { get; init; } = 5_000_000_000;

    /// <summary>Mid moves strictly larger than this many ticks are up or down (the training labels' threshold). Default 0.5.</summary>
    public double ThresholdTicks { get; init; } = 0.5;

    /// <summary>When above 0, a relative threshold in bps of the mid replaces <see cref="ThresholdTicks"/>.</summary>
    public double ThresholdBps { get; init; }

    /// <summary>Rule reported when it first holds (the run does not swap models itself); null = none.</summary>
    public ShadowPromotionRule? Rule { get; init; }

    /// <summary>Highest symbol id + 1 scored (default 64).</summary>
    public int MaxSymbols { get; init; } = 64;

    /// <summary>Decisions of one symbol that can wait for the horizon at once (default 2^16).</summary>
    public int PendingCapacity { get; init; } = 1 << 16;

    /// <summary>Largest candidate batch (default 32).</summary>
    public int MaxBatch { get; init; } = 32;

    /// <summary>Display name of the candidate for reports.</summary>
    public string CandidateName { get; init; } = "";
}
