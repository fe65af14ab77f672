using HftScalper.Core.Symbols;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Execution;

namespace HftScalper.Reporting.Tests.Fills;

/// <summary>Cluster-robust intervals of a strategy's markout and gross PnL, and of its difference from a baseline over
/// the same buckets of exchange time (<see cref="ClusteredStatistics"/>, <see cref="FillBuckets"/>).</summary>
public sealed class ClusteredStatisticsTests
{
    private const long L = 10; // bucket length, ns

    // Markouts (bps) per bucket: fills of bucket k are dated k x L + 1.
    private static FillBuckets Markouts(params double[][] perBucket)
    {
        var b = new FillBuckets(L);
        for (int k = 0; k < perBucket.Length; k++)
            foreach (double x in perBucket[k]) b.OnMarkout(k * L + 1, x);
        return b;
    }

    // Mark-to-mid PnL per bucket (each bucket exposed: one fill).
    private static FillBuckets Pnl(params double[] perBucket)
    {
        var b = new FillBuckets(L);
        for (int k = 0; k < perBucket.Length; k++) b.OnFill(k * L + 1, perBucket[k]);
        return b;
    }

    private static FillBuckets Both(double[] markouts, double[] pnl)
    {
        var b = new FillBuckets(L);
        for (int k = 0; k < pnl.Length; k++)
        {
            b.OnFill(k * L + 2, pnl[k]);
            b.OnMarkout(k * L + 2, markouts[k]);
        }
        return b;
    }

    [Fact]
    public void Markout_error_is_the_cluster_robust_one_by_hand()
    {
        // Buckets {1, 3}, {5}, {-1, 0, 4}: n 6, mean 2; cluster residuals S_g - n_g m = 0, 3, -3;
        // SE = sqrt(3/2 x 18) / 6 = 0.8660 (the naive i.i.d. error would be 0.9661); t(2) = 4.303.
        var e = ClusteredStatistics.Markout(Markouts([1, 3], [5], [-1, 0, 4]));

        Assert.Equal(2, e.Value, 12);
        Assert.Equal(Math.Sqrt(27) / 6, e.StdErr, 12);
        Assert.Equal(0.8660254, e.StdErr, 6);
        Assert.Equal(2 - 4.303 * Math.Sqrt(27) / 6, e.Low, 9);
        Assert.Equal(2 + 4.303 * Math.Sqrt(27) / 6, e.High, 9);
        Assert.Equal(6, e.Samples);
        Assert.Equal(3, e.Clusters);
    }

    [Fact]
    public void Gross_error_is_that_of_the_sum_of_per_bucket_pnl_and_the_interval_is_centred_on_the_reported_gross()
    {
        // Per-bucket PnL 2, -1, 5 (sum 6, mean 2; residuals 0, -3, 3): SE of the sum = sqrt(3/2 x 18) = 5.196.
        var b = Pnl(2, -1, 5);
        var e = ClusteredStatistics.Gross(b, gross: 5.5);

        Assert.Equal(6, ClusteredStatistics.AtMid(b), 12);
        Assert.Equal(Math.Sqrt(27), e.StdErr, 12);
        Assert.Equal(5.5 - 4.303 * Math.Sqrt(27), e.Low, 9);
        Assert.Equal(3, e.Clusters);
    }

    [Fact]
    public void Markout_difference_is_paired_by_bucket_by_hand()
    {
        // A: {2}, {4}, {1, -1} (m 1.5, n 4); B: {1}, {}, {3}, {-1} (m 1, n 3). Influence per bucket
        // (S_A - n_A mA)/4 - (S_B - n_B mB)/3 = 0.125, 0.625, -1.41667, 0.66667; SE = sqrt(4/3 x sum of squares) = 1.95197.
        var a = Markouts([2], [4], [1, -1]);
        var b = Markouts([1], [], [3], [-1]);
        var d = ClusteredStatistics.MarkoutDifference(a, b);

        double ss = 0.125 * 0.125 + 0.625 * 0.625 + Math.Pow(-0.75 - 2.0 / 3, 2) + Math.Pow(2.0 / 3, 2);
        Assert.Equal(0.5, d.Value, 12);
        Assert.Equal(Math.Sqrt(4.0 / 3 * ss), d.StdErr, 12);
        Assert.Equal(1.95197, d.StdErr, 5);
        Assert.Equal(4, d.Clusters);
        Assert.Equal(ComparisonVerdict.TooFewSamples, d.Verdict); // 3 and 3 buckets: below the minimum of 10
    }

    [Fact]
    public void A_planted_large_lead_is_better_and_the_reverse_worse()
    {
        var rng = new Random(7);
        double[] Noise(double level) => [.. Enumerable.Range(0, 20).Select(_ => level + rng.NextDouble() - 0.5)];
        var strong = Both(Noise(5), Noise(3));
        var weak = Both(Noise(0), Noise(-1));

        var up = ClusteredStatistics.MarkoutDifference(strong, weak);
        var gross = ClusteredStatistics.GrossDifference(strong, weak, ClusteredStatistics.AtMid(strong), ClusteredStatistics.AtMid(weak));
        var down = ClusteredStatistics.GrossDifference(weak, strong, ClusteredStatistics.AtMid(weak), ClusteredStatistics.AtMid(strong));

        Assert.Equal(ComparisonVerdict.Better, up.Verdict);
        Assert.Equal(ComparisonVerdict.Better, gross.Verdict);
        Assert.Equal(ComparisonVerdict.Worse, down.Verdict);
        Assert.Equal(ComparisonVerdict.Worse, ClusteredStatistics.MarkoutDifference(weak, strong).Verdict);
        Assert.Equal(ComparisonVerdict.Better, ComparisonVerdict.Overall(up.Verdict!, gross.Verdict!));
        Assert.Equal(ComparisonVerdict.Mixed, ComparisonVerdict.Overall(up.Verdict!, down.Verdict!));
    }

    [Fact]
    public void Two_identical_strategies_differ_by_zero_and_are_not_distinguishable()
    {
        var rng = new Random(3);
        double[] Draw() => [.. Enumerable.Range(0, 30).Select(_ => rng.NextDouble() * 4 - 1)];
        double[] markouts = Draw(), pnl = Draw();
        var a = Both(markouts, pnl);
        var b = Both(markouts, pnl);

        var m = ClusteredStatistics.MarkoutDifference(a, b);
        var g = ClusteredStatistics.GrossDifference(a, b, 12.5, 12.5);

        Assert.Equal(0, m.Value, 12);
        Assert.Equal(0, m.StdErr, 12);
        Assert.Equal(0, g.Value);
        Assert.Equal(0, g.StdErr, 12);
        Assert.Equal(ComparisonVerdict.NotDistinguishable, m.Verdict);
        Assert.Equal(ComparisonVerdict.NotDistinguishable, g.Verdict);
        Assert.Equal(30, g.Clusters);
    }

    [Fact]
    public void Fewer_buckets_than_the_minimum_give_too_few_samples_whatever_the_gap()
    {
        double[] High(int n) => [.. Enumerable.Range(0, n).Select(i => 100.0 + i % 2)];
        double[] Low(int n) => [.. Enumerable.Range(0, n).Select(i => -100.0 - i % 2)];
        int few = ClusteredStatistics.MinClusters - 1;
        var a = Both(High(few), High(few));
        var b = Both(Low(few), Low(few));

        Assert.Equal(ComparisonVerdict.TooFewSamples, ClusteredStatistics.MarkoutDifference(a, b).Verdict);
        Assert.Equal(ComparisonVerdict.TooFewSamples, ClusteredStatistics.GrossDifference(a, b, 900, -900).Verdict);
        // One bucket more and the same gap is judged.
        int enough = ClusteredStatistics.MinClusters;
        Assert.Equal(ComparisonVerdict.Better, ClusteredStatistics.MarkoutDifference(Both(High(enough), High(enough)), Both(Low(enough), Low(enough))).Verdict);
    }

    [Fact]
    public void A_strategy_without_fills_has_no_markout_to_compare()
    {
        var none = new FillBuckets(L);
        var some = Both([1, 2, 3], [1, 2, 3]);

        var m = ClusteredStatistics.MarkoutDifference(none, some);
        var g = ClusteredStatistics.GrossDifference(none, some, 0, 6);

        Assert.True(double.IsNaN(ClusteredStatistics.Markout(none).Value));
        Assert.Equal(ComparisonVerdict.TooFewSamples, m.Verdict);
        Assert.Equal(-6, g.Value);
        Assert.Equal(3, g.Clusters); // the baseline's exposed buckets, paired with the idle strategy's zeros
    }

    [Fact]
    public void A_run_beyond_the_bucket_cap_merges_neighbours_and_keeps_every_sum()
    {
        var b = new FillBuckets(L);
        b.OnFill(0, 1);
        b.OnMarkout(L + 1, 2);
        b.OnFill(FillBuckets.MaxBuckets * L + 5, 4); // one bucket past the cap

        Assert.Equal(2 * L, b.BucketNs);
        Assert.Equal(FillBuckets.MaxBuckets / 2 + 1, b.Count);
        Assert.Equal(5, ClusteredStatistics.AtMid(b), 12);
        Assert.Equal(1, b.MarkoutCounts[0]); // buckets 0 and 1 merged
        Assert.Equal(2, b.MarkoutSums[0]);
        // A finer run is merged the same way before two are paired: its buckets 0 and 1 (L) are b's bucket 0 (2 L).
        var fine = new FillBuckets(L);
        fine.OnFill(0, 1);
        fine.OnMarkout(L + 1, 2);
        fine.OnFill(3 * L, 4);
        var m = ClusteredStatistics.MarkoutDifference(b, fine);
        var g = ClusteredStatistics.GrossDifference(b, fine, 5, 5);
        Assert.Equal(0, m.Value, 12);
        Assert.Equal(1, m.Clusters);
        Assert.Equal(3, g.Clusters); // 0 (paired, equal), 1 (fine's 4), MaxBuckets / 2 (b's 4)
        Assert.Equal(L, fine.BucketNs); // the run's own buckets are left as they were
    }

    // Through the recorder: the buckets' markouts are the recorder's, and their PnL sums to the gross at mid.
    [Fact]
    public void The_recorder_fills_its_buckets_with_its_markouts_and_mark_to_mid_pnl()
    {
        const long S = 1_000_000_000;
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 3);
        var buckets = new FillBuckets(20 * S);
        var fills = new FillRecorder(new FillRecorderOptions { MarkoutHorizonsNs = [2 * S], FillCapacity = 0 }, r, buckets);
        ExecutionReport Fill(long t, OrderSide side, long price) => new()
        {
            Kind = ExecutionReportKind.Fill, Side = side, SymbolId = 0, LastPriceTicks = price, LastQuantityLots = 1_000,
            ExchangeTimeNs = t, ClientOrderId = new ClientOrderId(1), Liquidity = Liquidity.Taker,
        };
        fills.ObserveMid(0, 0, 10_000, 9_999, 10_001);
        fills.OnFill(Fill(1 * S, OrderSide.Buy, 10_001));   // bucket 0: -1 tick against the mid
        fills.ObserveMid(0, 3 * S, 10_004, 10_003, 10_005); // +4 ticks on the long; resolves its 2 s markout
        fills.ObserveMid(0, 21 * S, 10_010, 10_009, 10_011); // bucket 1: +6 ticks on the long
        fills.OnFill(Fill(22 * S, OrderSide.Sell, 10_009));  // bucket 1: -1 tick against the mid; flat
        fills.ObserveMid(0, 25 * S, 10_000, 9_999, 10_001);  // resolves the sell's markout

        var attribution = fills.Attribute(pnl: (10_009 - 10_001) * 1_000 * 1e-5);
        Assert.Equal(attribution.GrossPnl, ClusteredStatistics.AtMid(buckets), 9);
        Assert.Equal((-1 + 4) * 1e-2, buckets.Pnl[0], 9);
        Assert.Equal((6 - 1) * 1e-2, buckets.Pnl[1], 9);
        Assert.Equal(fills.MeanMarkoutBps(0), ClusteredStatistics.Markout(buckets).Value, 9);
        Assert.Equal([1L, 1L], buckets.MarkoutCounts.ToArray());
    }
}
