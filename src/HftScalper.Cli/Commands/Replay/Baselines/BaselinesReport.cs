using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Replay.Baselines;

/// <summary>
/// The side-by-side of <c>--baselines</c>: the <c>baselines</c> object of <c>--json</c> and the text table. Net PnL
/// is given at the run's own fees and, re-pricing the same fills (no second pass), at the market's VIP 0 tier, at USD-M
/// VIP 0 (0.02 % maker / 0.05 % taker by each fill's liquidity) and at USD-M VIP 0 maker fees on every fill; the
/// intervals and the model-minus-baseline comparisons are <see cref="BaselinesUncertainty"/>'s.
/// </summary>
internal static class BaselinesReport
{
    /// <summary>The <c>baselines</c> object: settings of the comparison and one entry per strategy (the run's first).</summary>
    public static JsonObject Json(IReadOnlyList<StrategyFigures> strategies, long horizonNs, FeeSchedule runFees, string market)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var list = new JsonArray();
        foreach (var s in strategies) list.Add((JsonNode)Strategy(s, runFees, market));
        return new JsonObject
        {
            ["horizonSeconds"] = horizonNs / 1e9,
            ["passes"] = "each baseline replays the same events in a separate pass; none enters the run's decision digest",
            ["feeRepricing"] = "netPnlAt re-prices the same fills (gross PnL and markouts unchanged; no second pass): fees at each fill's liquidity",
            ["strategies"] = list,
            ["uncertainty"] = BaselinesUncertainty.Method(strategies),
            ["comparisons"] = BaselinesUncertainty.Comparisons(strategies),
        };
    }

    private static JsonObject Strategy(StrategyFigures s, FeeSchedule runFees, string market)
    {
        var a = s.Attribution;
        var markouts = new JsonArray();
        foreach (var m in s.Markouts) markouts.Add((JsonNode)Markout(m));
        // Binance.US has no published tier here: its net at "us-vip0" has no value (null), not an error after the run.
        JsonNode? marketTier = FeeTiers.TryDefaultFor(market, out var tier) ? At(s, tier) : null;
        var usdm = StrategyFigures.UsdmVip0;
        return new JsonObject
        {
            ["strategy"] = s.Strategy,
            ["description"] = s.Description,
            ["digest"] = s.Digest,
            ["orders"] = s.Orders,
            ["trades"] = s.Trades,
            ["fills"] = a.Fills,
            ["makerFills"] = a.MakerFills,
            ["makerShare"] = Math.Round(s.MakerShare, 4),
            ["notional"] = Amount(a.Notional, 2),
            ["grossPnl"] = Amount(a.GrossPnl, 6),
            ["fees"] = Amount(a.FeesPaid, 6),
            ["funding"] = Amount(a.Funding, 6),
            ["netPnl"] = Amount(a.Pnl, 6),
            ["markouts"] = markouts,
            ["markoutAtHorizon"] = Markout(s.AtHorizon),
            ["markoutAtHorizonInterval"] = BaselinesUncertainty.Markout(s),
            ["grossPnlInterval"] = BaselinesUncertainty.Gross(s),
            ["breakEvenFeeRate"] = a.BreakEvenFeeRate,
            ["breakEvenFeeBps"] = Math.Round(a.BreakEvenFeeRate * 1e4, 4),
            ["netPnlAt"] = new JsonObject
            {
                ["run"] = At(s, runFees),
                [market + "-vip0"] = marketTier,
                ["usdm-vip0"] = At(s, usdm),
                ["usdm-vip0-maker"] = At(s, new FeeSchedule(usdm.MakerPpm, usdm.MakerPpm)),
            },
            ["stopReason"] = s.StopReason,
            ["stopReasonText"] = s.StopReasonText,
        };
    }

    private static JsonObject At(StrategyFigures s, FeeSchedule fees) => new()
    {
        ["makerPpm"] = fees.MakerPpm,
        ["takerPpm"] = fees.TakerPpm,
        ["netPnl"] = Amount(s.NetAt(fees), 6),
    };

    // An amount of the account's asset rounded to <decimals>, or to 6 significant digits where that keeps more: a COIN-M
    // account's amounts are fractions of a coin (a 1 BTC run's notional 0.1655 had printed 0.17, its gross 2.2e-6 as 2e-06).
    internal static double Amount(double x, int decimals)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        int significant = 5 - (int)Math.Floor(Math.Log10(Math.Abs(x)));
        return Math.Round(x, Math.Clamp(Math.Max(decimals, significant), 0, 15));
    }

    private static double? Round4(double? x) => x is { } v ? Math.Round(v, 4) : null;

    // A mean markout for the table: "n/a" when no fill's markout resolved (as the text says of other absent figures).
    private static string Bps(double? x) => x is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static JsonObject Markout(MarkoutSummary m) => new()
    {
        ["horizonSeconds"] = m.HorizonSeconds,
        ["meanBps"] = Round4(m.MeanBps), // null: no fill's markout resolved
        ["meanMidBps"] = Round4(m.MeanMidBps),
        ["resolved"] = m.Resolved,
    };

    /// <summary>The text table (one line per strategy) printed after the run's summary.</summary>
    public static string Text(IReadOnlyList<StrategyFigures> strategies, long horizonNs)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var c = CultureInfo.InvariantCulture;
        var usdm = StrategyFigures.UsdmVip0;
        var b = new StringBuilder();
        b.Append(c, $"baselines (same events, separate passes, not in the digest; markouts in bps of fill price; net @usdm re-prices the same fills at USD-M VIP 0 {usdm.MakerPpm / 1e4:0.##}%/{usdm.TakerPpm / 1e4:0.##}%):").AppendLine();
        b.Append(c, $"  {"strategy",-19} {"orders",7} {"fills",6} {"maker",6} {"gross",11} {"fees",11} {"net",11} {"mk1s",7} {"mk5s",7} {"mk30s",7} {"mk" + (horizonNs / 1e9).ToString("0.###", c) + "s",7} {"net@usdm",11} {"breakEven",9}  stop").AppendLine();
        foreach (var s in strategies)
        {
            var a = s.Attribution;
            string M(int i) => Bps(i < s.Markouts.Count ? s.Markouts[i].MeanBps : null);
            b.Append(c, $"  {s.Strategy,-19} {s.Orders,7} {a.Fills,6} {s.MakerShare,6:P0} {a.GrossPnl,11:F2} {a.FeesPaid,11:F2} {a.Pnl,11:F2} {M(0),7} {M(1),7} {M(2),7} {Bps(s.AtHorizon.MeanBps),7} {s.NetAt(usdm),11:F2} {a.BreakEvenFeeRate * 1e4,7:F2}bp  {s.StopReason}")
                .AppendLine();
        }
        b.AppendLine(BaselinesUncertainty.Text(strategies, horizonNs));
        return b.ToString().TrimEnd();
    }
}
