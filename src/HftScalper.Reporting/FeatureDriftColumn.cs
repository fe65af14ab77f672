namespace HftScalper.Reporting;

/// <summary>One column's drift over a run.</summary>
/// <param name="Feature">Feature name, or <c>p_down</c> etc. for a prediction column.</param>
/// <param name="Psi">PSI at the last evaluation.</param>
/// <param name="PsiMax">Highest PSI over the run.</param>
/// <param name="Alarms">Alarms of the column.</param>
public sealed record FeatureDriftColumn(string Feature, double Psi, double PsiMax, long Alarms);
