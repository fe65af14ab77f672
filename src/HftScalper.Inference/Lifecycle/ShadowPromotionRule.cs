namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// When a shadow candidate has earned promotion, judged on the same decisions as the live model by paired tests
/// (<see cref="ShadowStats.AccuracyTest"/>, <see cref="ShadowStats.LogLossTest"/>: block means, so overlapping
/// outcomes are not counted as independent): enough resolved decisions and blocks; the candidate significantly
/// better than live at <see cref="Alpha"/> on accuracy or on log-loss, and significantly worse on neither; plus the
/// effect floors (<see cref="MinAccuracyGain"/>, <see cref="MaxLogLossIncrease"/>). One lucky window is not enough:
/// the significance is over all resolved blocks since the candidate arrived.
/// </summary>
/// <param name="MinResolved">Resolved decisions needed before judging (default 1000).</param>
/// <param name="MinAccuracyGain">Accuracy gain over live required as an effect size (default 0: significance decides).</param>
/// <param name="MaxLogLossIncrease">Mean log-loss increase tolerated (default 0).</param>
/// <param name="Alpha">One-sided significance level of each paired test (default 0.01).</param>
/// <param name="MinBlocks">Completed blocks needed before the tests count (default 20).</param>
public sealed record ShadowPromotionRule(long MinResolved = 1000, double MinAccuracyGain = 0, double MaxLogLossIncrease = 0,
    double Alpha = 0.01, long MinBlocks = 20)
{
    /// <summary>True when <paramref name="stats"/> meet the rule.</summary>
    public bool Recommends(in ShadowStats stats)
    {
        if (stats.Resolved < MinResolved || stats.Resolved <= 0) return false;
        if (!(stats.CandidateAccuracy - stats.LiveAccuracy >= MinAccuracyGain)) return false;
        if (!(stats.CandidateMeanLogLoss <= stats.LiveMeanLogLoss + MaxLogLossIncrease)) return false;
        var acc = stats.AccuracyTest;
        var loss = stats.LogLossTest;
        if (acc.Blocks < MinBlocks || loss.Blocks < MinBlocks) return false;
        bool better = acc.PValueBetter < Alpha || loss.PValueBetter < Alpha;
        bool worse = acc.PValueWorse < Alpha || loss.PValueWorse < Alpha;
        return better && !worse;
    }

    /// <summary>
    /// True when the model that replaced another is significantly worse than it on the same decisions (the stats
    /// of a probation where the replaced model is scored as the "candidate"): the case for an automatic rollback.
    /// </summary>
    public bool RecommendsRollback(in ShadowStats probation)
    {
        if (probation.Resolved < MinResolved) return false;
        var acc = probation.AccuracyTest;
        var loss = probation.LogLossTest;
        if (acc.Blocks < MinBlocks || loss.Blocks < MinBlocks) return false;
        return acc.PValueBetter < Alpha || loss.PValueBetter < Alpha;
    }
}
