using System.Text;
using HftScalper.Core.Numerics;
using HftScalper.Trading.Risk;
using static HftScalper.Reporting.HtmlReportWriter;

namespace HftScalper.Reporting;

// The report's sections added for explainable PnL (settings, attribution, verdicts, price charts, trade table).
internal static class ReportSections
{
    public static void Settings(StringBuilder h, ReportContext context)
    {
        if (context.Settings.Count == 0) return;
        h.Append("<h2>Settings</h2>\n<table>\n");
        foreach (var (key, value) in context.Settings) Row(h, key, Enc(value));
        h.Append("</table>\n");
    }

    public static void Attribution(StringBuilder h, RunSummary s, string unit)
    {
        var a = s.Attribution;
        h.Append("<h2>PnL attribution</h2>\n<p>Contributions in ").Append(Enc(unit))
         .Append("; they sum to the net PnL (see the README for the definitions).</p>\n<table>\n");
        Row(h, "spread captured (fill vs mid)", AmountText.Of(a.SpreadCaptured));
        Row(h, F($"adverse selection (mid move {a.AdverseSelectionHorizonSeconds:G} s after fills)"), AmountText.Of(a.AdverseSelection));
        Row(h, "inventory (other mid moves while holding)", AmountText.Of(a.Inventory));
        Row(h, "close-out (open position at bid/ask)", AmountText.Of(a.CloseOut));
        Row(h, "fees", AmountText.Of(a.Fees));
        Row(h, "funding", AmountText.Of(a.Funding));
        Row(h, "sum of terms / net PnL", AmountText.Of(a.SumOfTerms) + " / " + AmountText.Of(a.Pnl));
        Row(h, "gross PnL (before fees)", AmountText.Of(a.GrossPnl));
        Row(h, "fills (maker) / notional", F($"{a.Fills:N0} ({a.MakerFills:N0}) / ") + AmountText.Of(a.Notional));
        Row(h, "fee rate / break-even fee rate", F($"{a.FeeRate * 1e4:F3} bps / {a.BreakEvenFeeRate * 1e4:F3} bps"));
        h.Append("</table>\n<table><tr><th>markout horizon</th><th>resolved</th><th>unresolved</th><th>mean vs fill price (bps)</th><th>mean mid to mid (bps)</th></tr>\n");
        foreach (var m in s.Markouts)
        {
            h.Append("<tr><td>").Append(F($"{m.HorizonSeconds:G} s")).Append("</td><td>").Append(F($"{m.Resolved:N0}")).Append("</td><td>")
             .Append(F($"{m.Unresolved:N0}")).Append("</td><td>").Append(Bps(m.MeanBps)).Append("</td><td>").Append(Bps(m.MeanMidBps)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    // A mean markout: "n/a" when no fill's markout resolved (no value, not 0).
    private static string Bps(double? x) => x is { } v ? F($"{v:F3}") : "n/a";

    public static void Verdicts(StringBuilder h, VerdictRecorder v)
    {
        h.Append("<h2>Risk verdicts</h2>\n<table><tr><th>verdict</th><th>decisions</th><th>after the last order</th></tr>\n");
        foreach (var verdict in Enum.GetValues<RiskVerdict>())
        {
            long n = v.Total(verdict);
            if (n == 0) continue;
            h.Append("<tr><td>").Append(Enc(StopReason.Name(verdict))).Append("</td><td>").Append(F($"{n:N0}")).Append("</td><td>")
             .Append(F($"{v.SinceLastOrder(verdict):N0}")).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    public static void PriceCharts(StringBuilder h, RunRecorder recorder, ReportContext context)
    {
        for (int id = 0; id < recorder.Prices.Symbols; id++)
        {
            var info = context.Symbols is { } reg && id < reg.Count ? reg[id] : null;
            string? svg = PriceChartSvg.Render(recorder.Prices, recorder.Fills.Kept, id, info?.PriceDecimals ?? 0);
            if (svg is null) continue;
            h.Append("<h2>Price and fills: ").Append(Enc(info?.Name ?? "#" + id)).Append("</h2>\n")
             .Append("<p>Mid; buys green &#9650;, sells red &#9660;; filled = entry, hollow = exit.</p>\n").Append(svg).Append('\n');
        }
    }

    public static void TradeTable(StringBuilder h, TradeRecorder trades, ReportContext context)
    {
        var kept = trades.Kept;
        int rows = Math.Min(kept.Length, context.MaxTradeRows);
        h.Append("<h2>Trades</h2>\n");
        if (trades.Count > rows)
            h.Append("<p>").Append(F($"Showing the first {rows:N0} of {trades.Count:N0} round trips.")).Append("</p>\n");
        h.Append("<table><tr><th>symbol</th><th>side</th><th>entry (UTC)</th><th>exit (UTC)</th><th>quantity</th><th>entry price</th>")
         .Append("<th>exit price</th><th>gross PnL</th><th>fees</th><th>net PnL (").Append(Enc(AmountText.Unit(context.AccountAsset))).Append(")</th></tr>\n");
        for (int i = 0; i < rows; i++)
        {
            ref readonly var t = ref kept[i];
            var info = context.Symbols is { } reg && (uint)t.SymbolId < (uint)reg.Count ? reg[t.SymbolId] : null;
            double px = info is null ? 1 : FixedPoint.PowerOfTen(info.PriceDecimals);
            double qty = info is null ? 1 : FixedPoint.PowerOfTen(info.QuantityDecimals);
            h.Append("<tr><td>").Append(Enc(info?.Name ?? "#" + t.SymbolId)).Append("</td><td>").Append(t.Direction > 0 ? "long" : "short")
             .Append("</td><td>").Append(PriceChartSvg.Time(t.EntryTimeNs)).Append("</td><td>").Append(PriceChartSvg.Time(t.ExitTimeNs))
             .Append("</td><td>").Append(F($"{t.QuantityLots / qty:G10}")).Append("</td><td>").Append(F($"{t.EntryPriceTicks / px:G10}"))
             .Append("</td><td>").Append(F($"{t.ExitPriceTicks / px:G10}")).Append("</td><td>").Append(AmountText.Of(t.GrossPnl))
             .Append("</td><td>").Append(AmountText.Of(t.Fees)).Append("</td><td>").Append(AmountText.Of(t.NetPnl)).Append("</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    public static void Adaptation(StringBuilder h, AdaptationTimeline? t)
    {
        if (t is null) return;
        h.Append("<h2 id=\"adaptation\">Adaptation timeline</h2>\n<p>The live model's accuracy per ")
         .Append(F($"{t.WindowSeconds:G} s")).Append(" window of exchange time, with the loop's drift alarms, retrains, promotions and rollbacks (hover for details).</p>\n");
        if (AdaptationTimelineSvg.Render(t) is { } svg) h.Append(svg).Append('\n');
        if (t.Marks.Count == 0) return;
        h.Append("<table><tr><th>step</th><th>exchange time</th><th>what happened</th></tr>\n");
        foreach (var m in t.Marks)
            h.Append("<tr><td>").Append(Enc(m.Kind)).Append("</td><td>").Append(F($"+{m.Seconds:0.#} s")).Append("</td><td style=\"text-align:left\">")
             .Append(Enc(m.Detail)).Append("</td></tr>\n");
        h.Append("</table>\n");
    }
}
