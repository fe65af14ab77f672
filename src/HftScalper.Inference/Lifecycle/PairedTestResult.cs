namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// A paired comparison of the candidate with the live model on the same decisions, by batch means: per-decision
/// differences (candidate minus live, so positive = candidate better) are averaged over blocks of decision time
/// (<see cref="OutcomeBlocks"/>), and the block means are tested against zero with Student's t (blocks - 1 degrees
/// of freedom). Blocks several horizons long make overlapping outcomes count once, which a per-decision test would not.
/// </summary>
/// <param name="Blocks">Completed blocks.</param>
/// <param name="MeanDifference">Mean of the block means (NaN before two blocks).</param>
/// <param name="StandardError">Standard error of that mean (NaN before two blocks).</param>
public readonly record struct PairedTestResult(long Blocks, double MeanDifference, double StandardError)
{
    /// <summary>t statistic: mean difference over its standard error (0 when the differences are all zero, NaN before two blocks).</summary>
    public double T => Blocks < 2 ? double.NaN
        : StandardError > 0 ? MeanDifference / StandardError
        : MeanDifference > 0 ? double.PositiveInfinity : MeanDifference < 0 ? double.NegativeInfinity : 0;

    /// <summary>One-sided p-value that the candidate is better (small = significantly better; NaN before two blocks).</summary>
    public double PValueBetter => double.IsNaN(T) ? double.NaN : 1 - StudentT.Cdf(T, Blocks - 1);

    /// <summary>One-sided p-value that the candidate is worse (small = significantly worse; NaN before two blocks).</summary>
    public double PValueWorse => double.IsNaN(T) ? double.NaN : StudentT.Cdf(T, Blocks - 1);
}
