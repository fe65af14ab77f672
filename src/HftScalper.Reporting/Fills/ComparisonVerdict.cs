namespace HftScalper.Reporting.Fills;

/// <summary>What a difference (strategy minus baseline) with its 95 % interval says: the <c>verdict</c> strings of
/// <c>baselines.comparisons</c> in <c>--json</c>.</summary>
public static class ComparisonVerdict
{
    /// <summary>The whole 95 % interval is above zero.</summary>
    public const string Better = "better";

    /// <summary>The whole 95 % interval is below zero.</summary>
    public const string Worse = "worse";

    /// <summary>The 95 % interval holds zero: the data cannot tell the two apart.</summary>
    public const string NotDistinguishable = "notDistinguishable";

    /// <summary>Fewer than <see cref="ClusteredStatistics.MinClusters"/> buckets hold data (for a markout: for either
    /// strategy): too few to judge.</summary>
    public const string TooFewSamples = "tooFewSamples";

    /// <summary>Overall only: better on one of markout and gross PnL, worse on the other.</summary>
    public const string Mixed = "mixed";

    /// <summary>The verdict of one difference.</summary>
    public static string Of(double low, double high, bool enough) =>
        !enough || double.IsNaN(low) || double.IsNaN(high) ? TooFewSamples : low > 0 ? Better : high < 0 ? Worse : NotDistinguishable;

    /// <summary>Both differences together: <see cref="Better"/> (or <see cref="Worse"/>) only when both are, as the
    /// issue's target asks for beating a baseline on gross PnL and on mean markout; <see cref="TooFewSamples"/> when
    /// either could not be judged; <see cref="Mixed"/> when one is better and the other worse; otherwise
    /// <see cref="NotDistinguishable"/> (per-quantity verdicts say which one, if any, was).</summary>
    public static string Overall(string markout, string gross)
    {
        if (markout == TooFewSamples || gross == TooFewSamples) return TooFewSamples;
        if (markout == gross) return markout;
        if ((markout == Better && gross == Worse) || (markout == Worse && gross == Better)) return Mixed;
        return NotDistinguishable;
    }
}
