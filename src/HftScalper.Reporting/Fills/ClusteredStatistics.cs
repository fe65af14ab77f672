namespace HftScalper.Reporting.Fills;

/// <summary>
/// Is a strategy's mean markout, its gross PnL, or its lead over another strategy distinguishable from noise?
/// Fills are not independent samples: fills close in time read overlapping mid paths (a markout at horizon h of a fill
/// at t reads the mid over [t, t + h]) and come in bursts. So the samples are clustered by fixed buckets of exchange
/// time (<see cref="FillBuckets"/>) and the standard errors are cluster-robust (Liang-Zeger with the G / (G - 1)
/// small-sample factor, "CR1"), with intervals from Student's t at G - 1 degrees of freedom (Cameron and Miller 2015:
/// with few clusters the normal is too bold).
/// <list type="bullet">
/// <item>Bucket length: <see cref="HorizonsPerBucket"/> x the markout horizon, fixed from first principles before any
/// figure was looked at: two fills further apart than one horizon read disjoint mid paths, so a bucket boundary leaves
/// dependent pairs only among the fills within one horizon of it, at most 1 / 10 of a bucket; mark-to-mid PnL changes of
/// consecutive buckets are nearly uncorrelated (mid increments), whatever the holding time.</item>
/// <item>Mean markout: G = buckets holding a resolved markout; SE^2 = G / (G - 1) x sum_g (S_g - n_g m)^2 / n^2.</item>
/// <item>Gross PnL: the mark-to-mid PnL made in each bucket where the strategy was exposed (a fill, or a mid while it
/// held a position); SE of their sum^2 = G / (G - 1) x sum_g (p_g - mean p)^2. The interval is centred on the reported
/// gross (whose sum over buckets differs only by closing a position still open at the end at bid/ask, not mid).</item>
/// <item>Differences (strategy A minus B over the same events): paired per bucket. Markouts: the influence of bucket g
/// on m_A - m_B, (S_Ag - n_Ag m_A) / n_A - (S_Bg - n_Bg m_B) / n_B, over buckets where either has one. Gross: per-bucket
/// PnL differenced, over buckets where either was exposed. Two identical strategies give 0 with error 0.</item>
/// <item>Fewer than <see cref="MinClusters"/> buckets (for a markout difference: for either strategy) give
/// <see cref="ComparisonVerdict.TooFewSamples"/>: below that the cluster-robust error itself is too noisy to judge.</item>
/// </list>
/// Deterministic (plain sums in bucket order); memory is the buckets'.
/// </summary>
public static class ClusteredStatistics
{
    /// <summary>Bucket length in markout horizons.</summary>
    public const int HorizonsPerBucket = 10;

    /// <summary>Buckets a verdict needs.</summary>
    public const int MinClusters = 10;

    /// <summary>The bucket length for markouts at <paramref name="horizonNs"/>.</summary>
    public static long BucketNsFor(long horizonNs) => checked(Math.Max(1, horizonNs) * HorizonsPerBucket);

    /// <summary>Mean markout (bps) of the fills in <paramref name="b"/> with its cluster-robust interval (NaN without fills).</summary>
    public static ClusteredEstimate Markout(FillBuckets b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var (mean, total, g) = MeanMarkout(b);
        var sums = b.MarkoutSums;
        var counts = b.MarkoutCounts;
        double ss = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            double r = sums[i] - counts[i] * mean;
            ss += r * r;
        }
        return Interval(mean, Se(ss, g) / total, g, total, verdict: false, enough: false);
    }

    /// <summary>Mark-to-mid gross PnL summed over the buckets (the reported gross but for the close-out of an open position).</summary>
    public static double AtMid(FillBuckets b)
    {
        ArgumentNullException.ThrowIfNull(b);
        double sum = 0;
        foreach (double p in b.Pnl) sum += p;
        return sum;
    }

    /// <summary><paramref name="gross"/> (the strategy's reported gross PnL) with the error of the sum of its per-bucket PnL.</summary>
    public static ClusteredEstimate Gross(FillBuckets b, double gross) =>
        GrossDifference(b, new FillBuckets(b?.BucketNs ?? 1), gross, 0) with { Verdict = null }; // against a strategy that never trades

    /// <summary>Mean markout of <paramref name="a"/> minus that of <paramref name="b"/> (same events), paired by bucket.</summary>
    public static ClusteredEstimate MarkoutDifference(FillBuckets a, FillBuckets b)
    {
        (a, b) = Aligned(a, b);
        var (ma, na, ga) = MeanMarkout(a);
        var (mb, nb, gb) = MeanMarkout(b);
        if (na == 0 || nb == 0) return Interval(double.NaN, double.NaN, 0, na + nb, verdict: true, enough: false);
        var (first, last) = Range(a, b);
        int g = 0;
        double ss = 0;
        for (long k = first; k < last; k++)
        {
            long ca = At(a.MarkoutCounts, a.FirstIndex, k), cb = At(b.MarkoutCounts, b.FirstIndex, k);
            if (ca == 0 && cb == 0) continue;
            g++;
            double psi = (At(a.MarkoutSums, a.FirstIndex, k) - ca * ma) / na - (At(b.MarkoutSums, b.FirstIndex, k) - cb * mb) / nb;
            ss += psi * psi;
        }
        return Interval(ma - mb, Se(ss, g), g, na + nb, verdict: true, enough: ga >= MinClusters && gb >= MinClusters);
    }

    /// <summary><paramref name="grossA"/> - <paramref name="grossB"/> with the error of the sum of the per-bucket PnL
    /// differences of <paramref name="a"/> and <paramref name="b"/> (same events).</summary>
    public static ClusteredEstimate GrossDifference(FillBuckets a, FillBuckets b, double grossA, double grossB)
    {
        (a, b) = Aligned(a, b);
        var (first, last) = Range(a, b);
        int g = 0;
        double sum = 0;
        for (long k = first; k < last; k++)
        {
            if (At(a.Activity, a.FirstIndex, k) == 0 && At(b.Activity, b.FirstIndex, k) == 0) continue;
            g++;
            sum += At(a.Pnl, a.FirstIndex, k) - At(b.Pnl, b.FirstIndex, k);
        }
        double mean = g == 0 ? 0 : sum / g, ss = 0;
        for (long k = first; k < last; k++)
        {
            if (At(a.Activity, a.FirstIndex, k) == 0 && At(b.Activity, b.FirstIndex, k) == 0) continue;
            double r = At(a.Pnl, a.FirstIndex, k) - At(b.Pnl, b.FirstIndex, k) - mean;
            ss += r * r;
        }
        return Interval(grossA - grossB, Se(ss, g), g, g, verdict: true, enough: g >= MinClusters);
    }

    private static (double Mean, long Total, int Clusters) MeanMarkout(FillBuckets b)
    {
        var sums = b.MarkoutSums;
        var counts = b.MarkoutCounts;
        long total = 0;
        int g = 0;
        double sum = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            g++;
            total += counts[i];
            sum += sums[i];
        }
        return (total == 0 ? double.NaN : sum / total, total, g);
    }

    // Cluster-robust error of a sum from the squared cluster residuals (CR1); NaN below two clusters.
    private static double Se(double squares, int clusters) => clusters < 2 ? double.NaN : Math.Sqrt(clusters / (clusters - 1.0) * squares);

    private static ClusteredEstimate Interval(double value, double se, int clusters, long samples, bool verdict, bool enough)
    {
        double half = clusters < 2 || double.IsNaN(se) ? double.NaN : WindowedScores.T975(clusters - 1) * se;
        return new ClusteredEstimate
        {
            Value = value, StdErr = se, Low = value - half, High = value + half, Samples = samples, Clusters = clusters,
            Verdict = verdict ? ComparisonVerdict.Of(value - half, value + half, enough) : null,
        };
    }

    private static T At<T>(ReadOnlySpan<T> values, long firstIndex, long index) where T : struct
    {
        long i = index - firstIndex;
        return i >= 0 && i < values.Length ? values[(int)i] : default;
    }

    // The bucket indices either holds (an empty one holds none: its first index means nothing).
    private static (long First, long End) Range(FillBuckets a, FillBuckets b)
    {
        if (a.Count == 0) return (b.FirstIndex, b.FirstIndex + b.Count);
        if (b.Count == 0) return (a.FirstIndex, a.FirstIndex + a.Count);
        return (Math.Min(a.FirstIndex, b.FirstIndex), Math.Max(a.FirstIndex + a.Count, b.FirstIndex + b.Count));
    }

    private static (FillBuckets A, FillBuckets B) Aligned(FillBuckets a, FillBuckets b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.BucketNs == b.BucketNs) return (a, b);
        return a.BucketNs < b.BucketNs ? (a.Coarsened(b.BucketNs), b) : (a, b.Coarsened(a.BucketNs));
    }
}
