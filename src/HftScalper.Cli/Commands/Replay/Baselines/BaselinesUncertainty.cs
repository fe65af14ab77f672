using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HftScalper.Reporting.Fills;

namespace HftScalper.Cli.Commands.Replay.Baselines;

/// <summary>
/// Is the model's lead (or loss) against each baseline distinguishable from noise? The <c>--baselines</c> keys and text
/// lines of <see cref="ClusteredStatistics"/>: per strategy its mean markout at the model's horizon and its gross PnL with
/// cluster-robust 95 % intervals, and per baseline the model minus that baseline, paired over the same buckets of
/// exchange time, with a verdict (<see cref="ComparisonVerdict"/>). Reporting only: nothing here reads back into a run.
/// </summary>
internal static class BaselinesUncertainty
{
    /// <summary>How the intervals are made (the <c>baselines.uncertainty</c> object).</summary>
    public static JsonObject Method(IReadOnlyList<StrategyFigures> strategies) => new()
    {
        ["bucketSeconds"] = BucketNs(strategies) / 1e9,
        ["horizonsPerBucket"] = ClusteredStatistics.HorizonsPerBucket,
        ["minClusters"] = ClusteredStatistics.MinClusters,
        ["method"] = "95 % intervals: estimate -/+ t(G-1) x cluster-robust standard error (CR1); clusters G = fixed buckets of "
            + "exchange time holding data; differences paired per bucket (markout: per-bucket influence on the difference of "
            + "means; gross: per-bucket mark-to-mid PnL differenced); fewer than minClusters buckets: tooFewSamples",
    };

    /// <summary>The <c>markoutAtHorizonInterval</c> of one strategy.</summary>
    public static JsonObject Markout(StrategyFigures s)
    {
        var e = s.MarkoutInterval;
        return new JsonObject
        {
            ["fills"] = e.Samples,
            ["clusters"] = e.Clusters,
            ["meanBps"] = Num(e.Value, 4),
            ["stdErrBps"] = Num(e.StdErr, 4),
            ["lowBps"] = Num(e.Low, 4),
            ["highBps"] = Num(e.High, 4),
        };
    }

    /// <summary>The <c>grossPnlInterval</c> of one strategy.</summary>
    public static JsonObject Gross(StrategyFigures s)
    {
        var e = s.GrossInterval;
        return new JsonObject
        {
            ["buckets"] = e.Clusters,
            ["grossPnl"] = Num(e.Value, 6),
            ["atMid"] = Num(ClusteredStatistics.AtMid(s.Buckets), 6),
            ["stdErr"] = Num(e.StdErr, 6),
            ["low"] = Num(e.Low, 6),
            ["high"] = Num(e.High, 6),
        };
    }

    /// <summary>The <c>comparisons</c> array: the first strategy (the model) minus each of the others.</summary>
    public static JsonArray Comparisons(IReadOnlyList<StrategyFigures> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var list = new JsonArray();
        for (int i = 1; i < strategies.Count; i++)
        {
            var (m, g, verdict) = Compare(strategies[0], strategies[i]);
            list.Add((JsonNode)new JsonObject
            {
                ["strategy"] = strategies[0].Strategy,
                ["baseline"] = strategies[i].Strategy,
                ["markoutAtHorizon"] = new JsonObject
                {
                    ["differenceBps"] = Num(m.Value, 4), ["stdErrBps"] = Num(m.StdErr, 4), ["lowBps"] = Num(m.Low, 4), ["highBps"] = Num(m.High, 4),
                    ["clusters"] = m.Clusters, ["fills"] = m.Samples, ["verdict"] = m.Verdict,
                },
                ["grossPnl"] = new JsonObject
                {
                    ["difference"] = Num(g.Value, 6), ["stdErr"] = Num(g.StdErr, 6), ["low"] = Num(g.Low, 6), ["high"] = Num(g.High, 6),
                    ["buckets"] = g.Clusters, ["verdict"] = g.Verdict,
                },
                ["verdict"] = verdict,
            });
        }
        return list;
    }

    /// <summary>The text lines: one per strategy (its intervals), one per comparison.</summary>
    public static string Text(IReadOnlyList<StrategyFigures> strategies, long horizonNs)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var c = CultureInfo.InvariantCulture;
        string h = (horizonNs / 1e9).ToString("0.###", c) + "s";
        var b = new StringBuilder();
        b.Append(c, $"  95 % intervals, cluster-robust over {BucketNs(strategies) / 1e9:0.###} s buckets of exchange time ({ClusteredStatistics.HorizonsPerBucket} x the horizon), t(G-1); under {ClusteredStatistics.MinClusters} buckets: too few to judge:").AppendLine();
        foreach (var s in strategies)
        {
            var m = s.MarkoutInterval;
            var g = s.GrossInterval;
            b.Append(c, $"  {s.Strategy}: markout at {h} {Signed(m.Value)} bps ({Range(m)}; {m.Samples} fills in {m.Clusters} buckets), gross {Signed(g.Value)} ({Range(g)}; {g.Clusters} buckets)").AppendLine();
        }
        for (int i = 1; i < strategies.Count; i++)
        {
            var (m, g, verdict) = Compare(strategies[0], strategies[i]);
            b.Append(c, $"  {strategies[0].Strategy} vs {strategies[i].Strategy}: markout {Signed(m.Value)} bps ({Range(m)}, {Words(m.Verdict!)}), gross {Signed(g.Value)} ({Range(g)}, {Words(g.Verdict!)}): {Words(verdict)}").AppendLine();
        }
        return b.ToString().TrimEnd();
    }

    private static (ClusteredEstimate Markout, ClusteredEstimate Gross, string Verdict) Compare(StrategyFigures a, StrategyFigures b)
    {
        var m = ClusteredStatistics.MarkoutDifference(a.Buckets, b.Buckets);
        var g = ClusteredStatistics.GrossDifference(a.Buckets, b.Buckets, a.Attribution.GrossPnl, b.Attribution.GrossPnl);
        return (m, g, ComparisonVerdict.Overall(m.Verdict!, g.Verdict!));
    }

    private static long BucketNs(IReadOnlyList<StrategyFigures> strategies) => strategies.Count == 0 ? 0 : strategies.Max(s => s.Buckets.BucketNs);

    private static string Words(string verdict) => verdict switch
    {
        ComparisonVerdict.NotDistinguishable => "not distinguishable",
        ComparisonVerdict.TooFewSamples => "too few buckets to judge",
        _ => verdict,
    };

    private static string Signed(double x) => double.IsFinite(x) ? x.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Range(ClusteredEstimate e) => double.IsFinite(e.Low) ? $"95 % {Signed(e.Low)}..{Signed(e.High)}" : "95 % n/a";

    // A finite figure rounded for JSON; null where there is none (NaN: no fill, fewer than two buckets).
    private static JsonNode? Num(double x, int decimals) => double.IsFinite(x) ? JsonValue.Create(BaselinesReport.Amount(x, decimals)) : null;
}
