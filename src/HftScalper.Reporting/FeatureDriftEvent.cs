namespace HftScalper.Reporting;

/// <summary>One drift alarm of <see cref="FeatureDriftMonitor"/>.</summary>
/// <param name="Seconds">Exchange-time seconds from the run's first decision to the block end that raised it.</param>
/// <param name="Column">The feature (or prediction column <c>p_down</c>, ...) that drifted.</param>
/// <param name="Psi">Its population stability index over the window.</param>
/// <param name="EffectiveRows">The window's effective size for that column (rows discounted for autocorrelation).</param>
public readonly record struct FeatureDriftEvent(double Seconds, string Column, double Psi, double EffectiveRows);
