using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Online;

namespace HftScalper.Engine.Online;

/// <summary>What the online layer did beside the frozen model in one run (prequential: each prediction scored before its label was learnt).</summary>
public sealed record OnlineReport
{
    /// <summary>True when the online layer's probabilities drove the decisions routed to it.</summary>
    public bool Drive { get; init; }

    /// <summary>Scored labels per realised class (down, flat, up).</summary>
    public IReadOnlyList<long> RealisedCounts { get; init; } = [];

    /// <summary>Scored labels the prequential majority forecast got right (<see cref="Inference.Online.OnlineLearner.PrequentialMajorityCorrect"/>).</summary>
    public long PrequentialMajorityCorrect { get; init; }

    /// <summary>Horizon of the labels, seconds.</summary>
    public double HorizonSeconds { get; init; }

    /// <summary>Decisions the frozen model scored and the online layer predicted.</summary>
    public long Predicted { get; init; }

    /// <summary>Labels the shared layer learnt (per symbol at most one per <see cref="OnlineLearnerOptions.LearnSpacingNs"/>).</summary>
    public long Learnt { get; init; }

    /// <summary>Decisions the frozen model did not score (no model, failed, degraded): not predicted, not learnt.</summary>
    public long Skipped { get; init; }

    /// <summary>Labels that arrived for a prediction no longer held (the pending ring overran).</summary>
    public long LostLabels { get; init; }

    /// <summary>Predictions whose horizon passed the end of the run (never labelled).</summary>
    public long Unresolved { get; init; }

    /// <summary>Frozen (live) vs online (candidate): counts, accuracy, log-loss and the paired block tests.</summary>
    public ShadowStats Stats { get; init; }

    /// <summary>The A/B split (null = none).</summary>
    public AbRouter? Ab { get; init; }

    /// <summary>Decisions routed to the live arm, and the outcomes of the frozen probabilities they were served.</summary>
    public long LiveArmDecisions { get; init; }

    /// <summary>The live arm's outcomes.</summary>
    public OutcomeTally LiveArm { get; init; }

    /// <summary>Decisions routed to the candidate arm (the online layer).</summary>
    public long CandidateArmDecisions { get; init; }

    /// <summary>The candidate arm's outcomes.</summary>
    public OutcomeTally CandidateArm { get; init; }

    /// <summary>Per-symbol layers (empty without per-symbol learning).</summary>
    public IReadOnlyList<OnlineSymbolStats> Symbols { get; init; } = [];
}
