using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Trading.Margin;

namespace HftScalper.Cli;

/// <summary>
/// The USD-M part of a run's <c>--json</c>: <c>margin</c> {leverage, marginMode, maxInitialMarginUsed,
/// minLiquidationDistanceBps (null: no position held), liquidationReduces}, <c>funding</c> {payments, total
/// (quote asset; negative = paid), source (<c>markPrice</c>: the stream's times and rates, else <c>schedule</c>)},
/// <c>markSource</c> (<c>markPrice</c> when recorded or streamed, else <c>mid</c>), <c>markPrices</c> (mark-price events
/// applied) and <c>staleMarks</c> (times an aged mark price gave way to the mid).
/// </summary>
internal static class FuturesJson
{
    /// <summary>Adds the keys to <paramref name="o"/>.</summary>
    public static void Add(JsonObject o, MarginSummary f)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(f);
        o["margin"] = new JsonObject
        {
            ["leverage"] = f.Leverage,
            ["marginMode"] = f.MarginMode,
            ["maxInitialMarginUsed"] = Math.Round(f.MaxInitialMarginUsed, 8),
            ["minLiquidationDistanceBps"] = f.MinLiquidationDistanceBps,
            ["liquidationReduces"] = f.LiquidationReduces,
        };
        o["funding"] = new JsonObject { ["payments"] = f.FundingPayments, ["total"] = Math.Round(f.FundingTotal, 8), ["source"] = f.FundingSource };
        o["markSource"] = f.MarkSource;
        o["markPrices"] = f.MarkPrices;
        o["staleMarks"] = f.StaleMarkFallbacks;
    }

    /// <summary>One line for the text summary.</summary>
    public static string Text(MarginSummary f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var c = CultureInfo.InvariantCulture;
        string distance = f.MinLiquidationDistanceBps is { } d ? d.ToString("0.##", c) + " bps" : "n/a (no position)";
        return string.Create(c, $"futures: {f.MarginMode} {f.Leverage}x, max initial margin {f.MaxInitialMarginUsed:0.####}, min liquidation distance {distance}, "
            + $"liquidation reduces {f.LiquidationReduces}, funding {f.FundingPayments} payments {f.FundingTotal:0.####} ({f.FundingSource}), "
            + $"mark {f.MarkSource} ({f.MarkPrices} mark prices, {f.StaleMarkFallbacks} stale)");
    }
}
