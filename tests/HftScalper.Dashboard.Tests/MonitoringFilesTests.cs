using System.Diagnostics;
using System.Text.Json;

namespace HftScalper.Dashboard.Tests;

/// <summary>The monitoring files in the repository: the alert rules pass promtool (when Debian's prometheus package
/// provides it) and name only metrics hft exposes; the Grafana dashboard is valid JSON whose queries do too.</summary>
public sealed class MonitoringFilesTests
{
    private static string Repo(params string[] parts) => Path.Combine([TestData.RepoRoot, .. parts]);

    // Every hft_* family /metrics can carry (pipeline, models, dashboard, live feed, live venue).
    private static readonly string[] Exposed =
    [
        "hft_pipeline_running", "hft_pipeline_events_total", "hft_pipeline_decisions_total", "hft_pipeline_orders_total", "hft_pipeline_signals_total",
        "hft_pipeline_inference_rows_total", "hft_pipeline_halted", "hft_pipeline_risk_verdicts_total", "hft_model_nonfinite_outputs_total",
        "hft_model_inference_latency_seconds_bucket", "hft_model_online_accuracy", "hft_model_loss_drift_alarms_total", "hft_feature_psi", "hft_feature_drift_alarms_total",
        "hft_prediction_psi", "hft_prediction_drift_alarms_total", "hft_equity", "hft_drawdown_ratio", "hft_drawdown_limit_ratio",
        "hft_realised_pnl", "hft_round_trips", "hft_reconcile_mismatches", "hft_feed_connection_silence_seconds", "hft_feed_symbol_latency_seconds",
    ];

    [Fact]
    public void The_alert_rules_pass_promtool_and_use_exposed_metrics()
    {
        string rules = Repo("monitoring", "prometheus", "alerts.yml");
        string text = File.ReadAllText(rules);
        foreach (var alert in new[] { "HftFeedStale", "HftDrawdownNearLimit", "HftModelDegraded", "HftModelLossDrift", "HftFeatureDrift", "HftPredictionDrift", "HftReconcileMismatch" })
            Assert.Contains($"alert: {alert}", text, StringComparison.Ordinal);
        AssertOnlyExposed(text);
        if (!File.Exists("/usr/bin/promtool")) return; // optional: Debian's prometheus package
        var psi = new ProcessStartInfo("/usr/bin/promtool", ["check", "rules", rules]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)), "promtool hung");
        Assert.True(p.ExitCode == 0, output);
    }

    [Fact]
    public void The_grafana_dashboard_is_json_whose_queries_use_exposed_metrics()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo("monitoring", "grafana", "hft-dashboard.json")));
        var exprs = doc.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(exprs.Count >= 10);
        AssertOnlyExposed(string.Join('\n', exprs));
    }

    private static void AssertOnlyExposed(string text)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\bhft_[a-z0-9_]+"))
            Assert.True(Exposed.Contains(m.Value) || Exposed.Any(e => e.StartsWith(m.Value + "_", StringComparison.Ordinal)), $"{m.Value} is not a metric hft exposes");
    }
}
