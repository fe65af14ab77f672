using System.Text.Json;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Reporting.Tests;

public sealed class RunStatisticsTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void Sharpe_of_plus_minus_ten_percent_returns_by_hand()
    {
        // Returns +10 %, -10 %, +10 %: mean 1/30, sample sd sqrt(0.04/3), ratio 1/(2 sqrt 3);
        // annualised over 1 s periods: sqrt(31,536,000 / 12) = sqrt(2,628,000).
        double[] grid = [100, 110, 99, 108.9];

        Assert.Equal(Math.Sqrt(2_628_000), RunStatistics.Sharpe(grid, 1.0), 6);
        Assert.Equal(Math.Sqrt(43_800), RunStatistics.Sharpe(grid, 60.0), 6);
    }

    [Fact]
    public void Daily_sharpe_annualises_only_from_five_daily_returns()
    {
        double[] sixDays = [100, 110, 99, 108.9, 98.01, 107.811, 97.0299];
        double[] fourDays = [100, 110, 99, 108.9, 98.01];

        Assert.Equal(RunStatistics.Sharpe(sixDays, 86400), RunStatistics.DailySharpe(sixDays, 86400), 12);
        Assert.True(double.IsNaN(RunStatistics.DailySharpe(fourDays, 86400)));
        // A 1 s grid of six days samples one value per 86 400.
        var grid = new double[6 * 86400 + 1];
        for (int i = 0; i < grid.Length; i++) grid[i] = sixDays[Math.Min(6, (i + 86399) / 86400)];
        Assert.Equal(RunStatistics.Sharpe(sixDays, 86400), RunStatistics.DailySharpe(grid, 1), 12);
    }

    [Fact]
    public void Sharpe_is_zero_without_variation_or_enough_returns()
    {
        Assert.Equal(0, RunStatistics.Sharpe([100, 100, 100, 100], 1));
        Assert.Equal(0, RunStatistics.Sharpe([100, 110], 1));
        Assert.Equal(0, RunStatistics.Sharpe([], 1));
    }

    [Fact]
    public void Sharpe_skips_returns_after_a_non_positive_equity()
    {
        Assert.Equal(RunStatistics.Sharpe([100, 110, 99, 108.9], 1), RunStatistics.Sharpe([0, 100, 110, 99, 108.9], 1), 9);
    }

    internal static RunRecorder SampleRun()
    {
        var run = new RunRecorder(new RunRecorderOptions { StageNames = ["features", "inference"] });
        for (int i = 1; i <= 100; i++)
        {
            run.TickToDecision.Record(1000 + i);
            run.Stage(0).Record(100 + i);
            run.Stage(1).Record(500 + i);
        }

        run.Equity.Record(0, 100);
        run.Equity.Record(S / 2, 110);
        run.Equity.Record(12 * S / 10, 99);
        run.Equity.Record(25 * S / 10, 108.9);
        run.Equity.Record(31 * S / 10, 120);
        for (int i = 0; i < 40; i++)
        {
            double mid = 1000 + (i % 4 < 2 ? i : -i);
            run.Predictions.RecordDecision(0, i * S, mid, [0.2f, 0.3f, 0.5f]);
        }

        run.Trades.Record(new RoundTrip { Direction = 1, EntryPriceTicks = 100, ExitPriceTicks = 103, QuantityLots = 1, GrossPnl = 3, Fees = 0.5 });
        run.Trades.Record(new RoundTrip { Direction = -1, EntryPriceTicks = 100, ExitPriceTicks = 101, QuantityLots = 1, GrossPnl = -1, Fees = 0.5 });
        return run;
    }

    internal static RunCounters SampleCounters() => new()
    {
        Events = 1_000_000, Decisions = 40, ElapsedSeconds = 2, AllocatedBytes = 500, Gen0Collections = 0, Digest = "abc123",
        Source = "simulator", Model = "models/default.onnx",
    };

    [Fact]
    public void Summary_gathers_the_recorders_and_counters()
    {
        var summary = RunStatistics.Summarize(SampleRun(), SampleCounters());

        Assert.Equal(500_000, summary.EventsPerSecond, 9);
        Assert.Equal(0.0005, summary.AllocatedBytesPerEvent, 12);
        Assert.Equal(1050, summary.TickToDecisionNs.P50);
        Assert.Equal(["features", "inference"], summary.StageLatencyNs.Keys);
        Assert.Equal(150, summary.StageLatencyNs["features"].P50);
        Assert.Equal(20, summary.Pnl, 9);
        Assert.Equal(0.1, summary.MaxDrawdown, 12);
        // Seconds of data are too short to annualise: the per-trade Sharpe, said so.
        Assert.Equal("perTrade", summary.SharpeBasis);
        Assert.False(summary.SharpeAnnualised);
        Assert.Contains("too short to annualise", summary.SharpeNote);
        Assert.Equal(SampleRun().Trades.PerTradeSharpe, summary.Sharpe, 12);
        Assert.Equal(0.5, summary.WinRate);
        Assert.Equal(0.5, summary.FalsePositiveRate);
        Assert.Equal(3, summary.Horizons.Count);
        Assert.True(summary.Horizons[0].Labelled > 0);
        Assert.Equal(summary.Horizons[0].Accuracy, summary.Accuracy);
        Assert.Equal(10, summary.Horizons[0].Calibration.Count);
    }

    [Fact]
    public void Json_has_the_keys_scripts_rely_on()
    {
        var json = RunSummaryJson.Serialize(RunStatistics.Summarize(SampleRun(), SampleCounters()));

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var key in new[] { "events", "eventsPerSecond", "decisions", "tickToDecisionNs", "gen0Collections",
                     "allocatedBytesPerEvent", "accuracy", "baselineAccuracy", "trades", "pnl", "sharpe", "maxDrawdown",
                     "winRate", "falsePositiveRate", "digest", "stageLatencyNs", "horizons" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        foreach (var key in new[] { "p50", "p99", "p999" })
            Assert.True(root.GetProperty("tickToDecisionNs").TryGetProperty(key, out _), key);
        Assert.Equal(1_000_000, root.GetProperty("events").GetInt64());
        Assert.Equal("abc123", root.GetProperty("digest").GetString());
        Assert.Equal(RunStatistics.Summarize(SampleRun(), SampleCounters()).Sharpe, RunSummaryJson.Deserialize(json)!.Sharpe);
    }

    [Fact]
    public void Empty_run_summarises_to_zeros_not_nan()
    {
        var summary = RunStatistics.Summarize(new RunRecorder(), new RunCounters());

        var json = RunSummaryJson.Serialize(summary);

        Assert.DoesNotContain("NaN", json);
        Assert.Equal(0, summary.Sharpe);
        Assert.Equal(0, summary.Accuracy);
        Assert.Equal("none", summary.Horizons[0].MajorityClass);
        Assert.Contains("no prediction scored", RunSummaryText.Format(summary));
    }

    [Fact]
    public void Json_writes_a_stray_nan_instead_of_throwing()
    {
        var json = RunSummaryJson.Serialize(new RunSummary { Sharpe = double.NaN });

        Assert.Contains("\"sharpe\": \"NaN\"", json);
        Assert.True(double.IsNaN(RunSummaryJson.Deserialize(json)!.Sharpe));
    }

    [Fact]
    public void Text_summary_names_the_headline_figures()
    {
        var text = RunSummaryText.Format(RunStatistics.Summarize(SampleRun(), SampleCounters()));

        Assert.Contains("500,000 events/s", text);
        Assert.Contains("p50 1,050 ns", text);
        Assert.Contains("stage features", text);
        Assert.Contains("win rate 50.00 %", text);
        Assert.Contains("abc123", text);
        Assert.Contains("per trade, not annualised", text); // a seconds-long run says so instead of "annualised"
        Assert.DoesNotContain("(annualised", text);
    }
}
