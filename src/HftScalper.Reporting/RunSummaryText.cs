using System.Globalization;
using System.Text;

namespace HftScalper.Reporting;

/// <summary>The human-readable summary printed at the end of a run (invariant culture, aligned columns).</summary>
public static class RunSummaryText
{
    /// <summary>Formats a summary as lines of text; amounts are of <paramref name="accountAsset"/> (named on their lines
    /// when given: USDT, or a COIN-M account's coin).</summary>
    public static string Format(RunSummary s, string? accountAsset = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder();
        if (s.Source.Length > 0 || s.Model.Length > 0) Line(sb, "source / model", $"{s.Source} / {s.Model}");
        Line(sb, "events", $"{s.Events:N0} in {s.ElapsedSeconds:F2} s = {s.EventsPerSecond:N0} events/s ({s.ExchangeSeconds:F0} s of exchange time)");
        Line(sb, "decisions", $"{s.Decisions:N0}");
        Line(sb, "tick-to-decision", Latency(s.TickToDecisionNs));
        foreach (var (name, l) in s.StageLatencyNs) Line(sb, "  stage " + name, Latency(l));
        Line(sb, "GC", $"gen0 {s.Gen0Collections}, gen1 {s.Gen1Collections}, gen2 {s.Gen2Collections}; {s.AllocatedBytesPerEvent:F3} bytes/event ({s.AllocatedBytes:N0} bytes)");
        bool scored = s.Horizons.Exists(h => h.Labelled > 0);
        if (scored)
            Line(sb, "accuracy", $"{s.Accuracy:P2} vs majority baseline {s.BaselineAccuracy:P2} at {s.PrimaryHorizonSeconds:G} s (threshold {(s.ThresholdBps > 0 ? $"{s.ThresholdBps:G} bps of the mid" : $"{s.ThresholdTicks:G} ticks")})");
        else
            Line(sb, "accuracy", "no prediction scored (no model, or the run ended before the horizons)");
        foreach (var h in s.Horizons)
        {
            if (!scored) break;
            Line(sb, $"  horizon {h.HorizonSeconds:G} s",
                $"{h.Accuracy:P2} vs {h.BaselineAccuracy:P2} ({h.MajorityClass}); directional precision {h.DirectionalPrecision:P2}; " +
                $"Brier {h.Brier:F4}; ECE {h.ExpectedCalibrationError:F4}; {h.Labelled:N0} scored, {h.Unresolved:N0} past the end; " +
                (h.Drift.Alarms > 0 ? $"LOSS DRIFT: {h.Drift.Alarms} alarm(s), first at scored decision {h.Drift.FirstAlarmAtLabel:N0}" : "no loss drift"));
        }

        Line(sb, "feature drift", FeatureDriftReport.Text(s.FeatureDrift));
        Line(sb, "trades", $"{s.Trades:N0}; win rate {s.WinRate:P2}; false positives {s.FalsePositiveRate:P2}; profit factor {s.ProfitFactor:F2}; mean hold {s.MeanHoldingSeconds:F2} s");
        string unit = string.IsNullOrWhiteSpace(accountAsset) ? "" : " " + accountAsset;
        Line(sb, "PnL", $"{AmountText.Of(s.Pnl)}{unit} after {AmountText.Of(FeesPaid(s))}{unit} fees (equity {AmountText.Equity(s.StartingEquity)} -> {AmountText.Equity(s.FinalEquity)}{unit})");
        Line(sb, "Sharpe", s.SharpeAnnualised
            ? $"{s.Sharpe:F3} (annualised from daily returns, 365 d/y)"
            : $"{s.Sharpe:F3} per trade, not annualised: {s.SharpeNote}");
        Line(sb, "max drawdown", $"{s.MaxDrawdown:P3} ({AmountText.Of(s.MaxDrawdownAbs)}{unit})");
        Line(sb, "digest", s.Digest);
        return sb.ToString();
    }

    /// <summary>The fees the run's PnL is net of: every fill's (the attribution's), not only the closed round trips'
    /// (<see cref="RunSummary.Fees"/>): with a position open at the end, "PnL after fees" had named fewer fees than the
    /// PnL paid (the cryptofeed spot capture, --no-model: 7.0258 of 7.0795). The round trips' when no fill was recorded.</summary>
    internal static double FeesPaid(RunSummary s) => s.Attribution.Fills > 0 ? s.Attribution.FeesPaid : s.Fees;

    private static string Latency(LatencySummary l) =>
        l.Count == 0 ? "no samples" :
        string.Create(CultureInfo.InvariantCulture,
            $"p50 {l.P50:N0} ns, p99 {l.P99:N0} ns, p99.9 {l.P999:N0} ns, max {l.Max:N0} ns, mean {l.Mean:N0} ns ({l.Count:N0} samples)");

    private static void Line(StringBuilder sb, string label, FormattableString value) =>
        Line(sb, label, value.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder sb, string label, string value) =>
        sb.Append(label.PadRight(20)).Append(' ').Append(value).Append('\n');
}
