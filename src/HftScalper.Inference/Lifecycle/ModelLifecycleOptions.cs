using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Lifecycle;

/// <summary>Settings of a <see cref="ModelLifecycle"/>.</summary>
public sealed record ModelLifecycleOptions
{
    /// <summary>The models folder (watched; holds <c>manifest.json</c> and <c>archive/</c>).</summary>
    public required string Directory { get; init; }

    /// <summary>What a valid dropped file becomes. Default <see cref="DropAction.Promote"/>.</summary>
    public DropAction OnDrop { get; init; } = DropAction.Promote;

    /// <summary>Previous models kept for rollback. Default 5.</summary>
    public int HistoryDepth { get; init; } = 5;

    /// <summary>How models are served (batch size, providers).</summary>
    public ServingOptions Serving { get; init; } = new();

    /// <summary>What a model must pass before serving.</summary>
    public ModelValidationOptions Validation { get; init; } = new();

    /// <summary>A model is degraded when more than this share of its runs in a health window failed or gave NaN. Default 1 %.</summary>
    public double DegradedBadFraction { get; init; } = 0.01;

    /// <summary>Runs a health window needs before it is judged. Default 100.</summary>
    public long DegradedMinRuns { get; init; } = 100;

    /// <summary>
    /// Shadow predictions kept while they wait for their outcome (rounded up to a power of two). Must exceed the
    /// decisions made in one horizon, or outcomes of overwritten predictions are lost. Default 2^16.
    /// </summary>
    public int ShadowPendingCapacity { get; init; } = 1 << 16;

    /// <summary>
    /// Decision time per block of the shadow's paired tests (<see cref="ShadowScorer"/>), ns. Use
    /// <see cref="OutcomeBlocks.DurationFor"/> of the served horizon. Default 10 s (five 2-second horizons).
    /// </summary>
    public long ShadowBlockNs { get; init; } = OutcomeBlocks.MinimumNs;

    /// <summary>
    /// With <see cref="AutoPromote"/>: after a promotion the replaced model is scored in shadow beside the new one for
    /// this many resolved decisions (its probation); when the rule finds the replaced model significantly better, the
    /// promotion is rolled back automatically. 0 = no probation. Default 5000.
    /// </summary>
    public long ProbationResolved { get; init; } = 5000;

    /// <summary>Promote the shadow candidate automatically when this rule holds (checked on each health tick); null = manual only.</summary>
    public ShadowPromotionRule? AutoPromote { get; init; }
}
