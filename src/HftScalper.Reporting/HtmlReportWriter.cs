using System.Globalization;
using System.Net;
using System.Text;

namespace HftScalper.Reporting;

/// <summary>
/// Writes a run's report into a directory: <c>index.html</c> (self-contained: the version and time, the settings,
/// summary tables, the PnL attribution and markouts, why trading stopped, the risk verdicts, a price chart per symbol
/// with our entries and exits as inline SVG, the trade table, and the plots embedded as base64 PNG), <c>summary.json</c> (<see cref="RunSummaryJson"/>), and the plots as PNG files
/// (equity.png, drawdown.png, latency.png, calibration.png) for reuse. summary.json is written first, and a plot
/// that fails to render (e.g. SkiaSharp's native library missing) is replaced by a line saying why, so the figures
/// are never lost to a drawing problem. After the run only (allocates).
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Writes the report; creates the directory; overwrites earlier files. Returns the index.html path.</summary>
    public static string Write(string directory, RunSummary summary, RunRecorder recorder, ReportContext? context = null)
    {
        context ??= new ReportContext();
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(recorder);
        Directory.CreateDirectory(directory);

        // The figures first: a plot that cannot render (no native SkiaSharp on some box) must not lose them.
        File.WriteAllText(Path.Combine(directory, "summary.json"), RunSummaryJson.Serialize(summary));
        var latencies = new List<LatencyRecorder>(recorder.Stages.Count + 1) { recorder.TickToDecision };
        latencies.AddRange(recorder.Stages);
        var charts = new (string File, string Title, byte[]? Png, string? Error)[]
        {
            Chart("equity.png", "Equity curve", () => ReportCharts.EquityCurve(recorder.Equity, AmountText.Unit(context.AccountAsset))),
            Chart("drawdown.png", "Drawdown", () => ReportCharts.Drawdown(recorder.Equity)),
            Chart("latency.png", "Latency histogram", () => ReportCharts.LatencyHistogram(latencies)),
            Chart("calibration.png", "Prediction calibration", () => ReportCharts.Calibration(summary.Horizons)),
        };
        foreach (var (file, _, png, _) in charts)
        {
            if (png is not null) File.WriteAllBytes(Path.Combine(directory, file), png);
        }

        string index = Path.Combine(directory, "index.html");
        File.WriteAllText(index, Html(summary, charts, recorder, context));
        return index;
    }

    private static (string File, string Title, byte[]? Png, string? Error) Chart(string file, string title, Func<byte[]> render)
    {
        try
        {
            return (file, title, render(), null);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException
                                      or ArgumentException or EntryPointNotFoundException)
        {
            // Rendering is best effort: the report says what failed instead of the run losing its summary.
            return (file, title, null, e.GetType().Name + ": " + e.Message);
        }
    }

    private static string Html(RunSummary s, (string File, string Title, byte[]? Png, string? Error)[] charts, RunRecorder recorder, ReportContext context)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>HftScalper run report</title>\n<style>")
         .Append("body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}")
         .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
         .Append("img{max-width:100%;border:1px solid #eee}</style></head><body>\n<h1>HftScalper run report</h1>\n");
        if (s.Source.Length > 0 || s.Model.Length > 0)
            h.Append("<p>Source: ").Append(Enc(s.Source)).Append(" &middot; model: ").Append(Enc(s.Model)).Append("</p>\n");
        h.Append("<p>HftScalper ").Append(Enc(context.Version)).Append(" &middot; report written ")
         .Append(Enc(context.Written.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC</p>\n");
        ReportSections.Settings(h, context);

        h.Append("<h2>Summary</h2>\n<table>\n");
        Row(h, "events", F($"{s.Events:N0}"));
        Row(h, "events/s", F($"{s.EventsPerSecond:N0}"));
        Row(h, "wall time / exchange time", F($"{s.ElapsedSeconds:F2} s / {s.ExchangeSeconds:F0} s"));
        Row(h, "decisions", F($"{s.Decisions:N0}"));
        Row(h, "tick-to-decision p50 / p99 / p99.9", F($"{s.TickToDecisionNs.P50:N0} / {s.TickToDecisionNs.P99:N0} / {s.TickToDecisionNs.P999:N0} ns"));
        Row(h, "GC gen0 / gen1 / gen2", F($"{s.Gen0Collections} / {s.Gen1Collections} / {s.Gen2Collections}"));
        Row(h, "allocated bytes per event", F($"{s.AllocatedBytesPerEvent:F3}"));
        Row(h, $"accuracy at {s.PrimaryHorizonSeconds:G} s (baseline)", F($"{s.Accuracy:P2} ({s.BaselineAccuracy:P2})"));
        Row(h, "trades", F($"{s.Trades:N0}"));
        string unit = AmountText.Unit(context.AccountAsset);
        Row(h, $"PnL after fees (fees), {unit}", Enc($"{AmountText.Of(s.Pnl)} ({AmountText.Of(RunSummaryText.FeesPaid(s))})"));
        Row(h, $"equity start / end, {unit}", Enc($"{AmountText.Equity(s.StartingEquity)} / {AmountText.Equity(s.FinalEquity)}"));
        Row(h, s.SharpeAnnualised ? "Sharpe (annualised from daily returns)" : "Sharpe (per trade, not annualised)", F($"{s.Sharpe:F3}"));
        Row(h, "Sharpe note", Enc(s.SharpeNote));
        Row(h, "why trading stopped", Enc(s.StopReason + (s.StopVerdict.Length > 0 ? " (" + s.StopVerdict + ")" : "") + ": " + s.StopReasonText));
        Row(h, $"max drawdown (abs, {unit})", Enc(F($"{s.MaxDrawdown:P3}") + $" ({AmountText.Of(s.MaxDrawdownAbs)})"));
        Row(h, "win rate", F($"{s.WinRate:P2}"));
        Row(h, "false-positive rate", F($"{s.FalsePositiveRate:P2}"));
        Row(h, "profit factor", F($"{s.ProfitFactor:F2}"));
        Row(h, "digest", Enc(s.Digest));
        h.Append("</table>\n");

        ReportSections.Attribution(h, s, unit);
        ReportSections.Verdicts(h, recorder.Verdicts);
        ReportSections.PriceCharts(h, recorder, context);
        ReportSections.Adaptation(h, context.Adaptation);
        ReportSections.TradeTable(h, recorder.Trades, context);

        h.Append("<h2>Latency (ns)</h2>\n<table><tr><th>point</th><th>count</th><th>p50</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th></tr>\n");
        LatencyRow(h, "tick-to-decision", s.TickToDecisionNs);
        foreach (var (name, l) in s.StageLatencyNs) LatencyRow(h, "stage " + name, l);
        h.Append("</table>\n");

        h.Append("<h2>Predictions (threshold ").Append(s.ThresholdBps > 0 ? F($"{s.ThresholdBps:G}") + " bps of the mid" : F($"{s.ThresholdTicks:G}") + " ticks").Append(")</h2>\n")
         .Append("<table><tr><th>horizon</th><th>scored</th><th>accuracy</th><th>baseline</th><th>majority</th>")
         .Append("<th>directional precision</th><th>Brier</th><th>log loss</th><th>ECE</th><th>realised d/f/u</th></tr>\n");
        foreach (var z in s.Horizons)
        {
            h.Append("<tr><td>").Append(F($"{z.HorizonSeconds:G} s")).Append("</td><td>").Append(F($"{z.Labelled:N0}"))
             .Append("</td><td>").Append(F($"{z.Accuracy:P2}")).Append("</td><td>").Append(F($"{z.BaselineAccuracy:P2}"))
             .Append("</td><td>").Append(Enc(z.MajorityClass)).Append("</td><td>").Append(F($"{z.DirectionalPrecision:P2}"))
             .Append("</td><td>").Append(F($"{z.Brier:F4}")).Append("</td><td>").Append(F($"{z.LogLoss:F4}"))
             .Append("</td><td>").Append(F($"{z.ExpectedCalibrationError:F4}")).Append("</td><td>")
             .Append(string.Join(" / ", z.RealisedCounts)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
        foreach (var (_, title, png, error) in charts)
        {
            h.Append("<h2>").Append(Enc(title)).Append("</h2>\n");
            if (png is null)
            {
                h.Append("<p>Plot unavailable: ").Append(Enc(error ?? "")).Append("</p>\n");
                continue;
            }

            h.Append("<img alt=\"").Append(Enc(title)).Append("\" src=\"data:image/png;base64,")
             .Append(Convert.ToBase64String(png)).Append("\">\n");
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    internal static void Row(StringBuilder h, string label, string value) =>
        h.Append("<tr><td>").Append(Enc(label)).Append("</td><td>").Append(value).Append("</td></tr>\n");

    private static void LatencyRow(StringBuilder h, string name, LatencySummary l) =>
        h.Append("<tr><td>").Append(Enc(name)).Append("</td><td>")
         .Append(F($"{l.Count:N0}</td><td>{l.P50:N0}</td><td>{l.P99:N0}</td><td>{l.P999:N0}</td><td>{l.Max:N0}</td><td>{l.Mean:N0}"))
         .Append("</td></tr>\n");

    internal static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Enc(string text) => WebUtility.HtmlEncode(text);
}
