namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// When a shadow candidate has earned promotion: enough resolved decisions, accuracy at least
/// <see cref="MinAccuracyGain"/> above the live model's, and mean log-loss no more than
/// <see cref="MaxLogLossIncrease"/> above it (a better hit rate bought with wild over-confidence is refused).
/// </summary>
/// <param name="MinResolved">Resolved decisions needed before judging (default 1000).</param>
/// <param name="MinAccuracyGain">Accuracy gain over live required (default 0.005 = half a point).</param>
/// <param name="MaxLogLossIncrease">Mean log-loss increase tolerated (default 0).</param>
public sealed record ShadowPromotionRule(long MinResolved = 1000, double MinAccuracyGain = 0.005, double MaxLogLossIncrease = 0)
{
    /// <summary>True when <paramref name="stats"/> meet the rule.</summary>
    public bool Recommends(in ShadowStats stats) =>
        stats.Resolved >= MinResolved && stats.Resolved > 0
        && stats.CandidateAccuracy - stats.LiveAccuracy >= MinAccuracyGain
        && stats.CandidateMeanLogLoss <= stats.LiveMeanLogLoss + MaxLogLossIncrease;
}
