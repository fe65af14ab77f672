namespace HftScalper.Inference.Lifecycle;

/// <summary>What <see cref="ModelValidator"/> requires of a model before it may serve.</summary>
public sealed class ModelValidationOptions
{
    /// <summary>Median single-row latency allowed on the canary rows (default 1 ms: far above a tree's ~10 µs, far below the signal horizon).</summary>
    public TimeSpan LatencyBudget { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Single-row runs timed for the latency check.</summary>
    public int LatencyRuns { get; init; } = 31;

    /// <summary>
    /// Require a classifier whose output names include <c>down</c>, <c>flat</c> and <c>up</c> (what the signal
    /// generator reads). Default true.
    /// </summary>
    public bool RequireDirectionClasses { get; init; } = true;

    /// <summary>Largest |sum - 1| accepted for a classifier's scores on a canary row (they must also be >= 0).</summary>
    public float ProbabilityTolerance { get; init; } = 0.02f;
}
