using HftScalper.Inference.Contracts;

namespace HftScalper.Inference.Lifecycle;

/// <summary>What <see cref="ModelValidator"/> requires of a model before it may serve.</summary>
public sealed record ModelValidationOptions
{
    /// <summary>Median single-row latency allowed on the canary rows (default 1 ms: far above a tree's ~10 µs, far below the signal horizon).</summary>
    public TimeSpan LatencyBudget { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Single-row runs timed for the latency check.</summary>
    public int LatencyRuns { get; init; } = 31;

    /// <summary>
    /// The role the model must fit (<see cref="ModelContract.Resolve"/>, the rule model loading uses too). Default
    /// <see cref="ModelRole.Direction"/>: a classifier with exactly the classes down, flat, up in any order (what
    /// signals read); <see cref="ModelRole.Return"/> for a return regressor served beside it.
    /// </summary>
    public ModelRole Role { get; init; } = ModelRole.Direction;

    /// <summary>Largest |sum - 1| accepted for a classifier's scores on a canary row (they must also be >= 0).</summary>
    public float ProbabilityTolerance { get; init; } = 0.02f;
}
