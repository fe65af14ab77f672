namespace HftScalper.Inference.Lifecycle;

/// <summary>A snapshot of how a shadow candidate compares with the live model on the same decisions.</summary>
/// <param name="Observed">Decisions both models scored.</param>
/// <param name="Agreements">Decisions where both picked the same class.</param>
/// <param name="Resolved">Decisions whose realised outcome arrived.</param>
/// <param name="LiveCorrect">Resolved decisions the live model got right.</param>
/// <param name="CandidateCorrect">Resolved decisions the candidate got right.</param>
/// <param name="LiveLogLoss">Sum of the live model's -ln p(realised class).</param>
/// <param name="CandidateLogLoss">Sum of the candidate's -ln p(realised class).</param>
public readonly record struct ShadowStats(long Observed, long Agreements, long Resolved, long LiveCorrect, long CandidateCorrect,
    double LiveLogLoss, double CandidateLogLoss)
{
    /// <summary>Paired test of accuracy (per decision: candidate right minus live right), by blocks of decisions.</summary>
    public PairedTestResult AccuracyTest { get; init; }

    /// <summary>Paired test of log-loss (per decision: live loss minus candidate loss, positive = candidate better).</summary>
    public PairedTestResult LogLossTest { get; init; }

    /// <summary>Share of decisions where both models agreed (NaN before any).</summary>
    public double AgreementRate => Observed == 0 ? double.NaN : (double)Agreements / Observed;

    /// <summary>Live accuracy on resolved decisions (NaN before any).</summary>
    public double LiveAccuracy => Resolved == 0 ? double.NaN : (double)LiveCorrect / Resolved;

    /// <summary>Candidate accuracy on resolved decisions (NaN before any).</summary>
    public double CandidateAccuracy => Resolved == 0 ? double.NaN : (double)CandidateCorrect / Resolved;

    /// <summary>Live mean log-loss on resolved decisions (NaN before any).</summary>
    public double LiveMeanLogLoss => Resolved == 0 ? double.NaN : LiveLogLoss / Resolved;

    /// <summary>Candidate mean log-loss on resolved decisions (NaN before any).</summary>
    public double CandidateMeanLogLoss => Resolved == 0 ? double.NaN : CandidateLogLoss / Resolved;
}
