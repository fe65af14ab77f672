using System.Globalization;
using HftScalper.Engine.Outcomes;

namespace HftScalper.Reporting;

/// <summary>
/// Turns the recorders and the pipeline's own counters into a <see cref="RunSummary"/>. Runs after the run
/// (allocates freely).
/// </summary>
public static class RunStatistics
{
    /// <summary>Seconds in a year for annualising: crypto trades around the clock, every day (365 * 24 * 3600).</summary>
    public const double SecondsPerYear = 365.0 * 24 * 3600;

    /// <summary>Days of data a run needs before its Sharpe ratio is annualised from daily returns (fewer: per trade).</summary>
    public const double MinDaysToAnnualise = 5;

    /// <summary>
    /// Annualised Sharpe ratio of daily returns: the equity grid (<paramref name="gridValues"/>, one value every
    /// <paramref name="intervalSeconds"/>) sampled every 86400 s from the first point, simple returns, risk-free 0,
    /// mean / sample sd * sqrt(365). NaN when fewer than <see cref="MinDaysToAnnualise"/> daily returns; 0 when no
    /// variation.
    /// </summary>
    public static double DailySharpe(ReadOnlySpan<double> gridValues, double intervalSeconds)
    {
        if (!(intervalSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(intervalSeconds), "Must be > 0.");
        double step = 86400 / intervalSeconds;
        int days = (int)Math.Floor((gridValues.Length - 1) / step + 1e-9);
        if (days < MinDaysToAnnualise) return double.NaN;
        var daily = new double[days + 1];
        for (int d = 0; d <= days; d++) daily[d] = gridValues[Math.Min(gridValues.Length - 1, (int)Math.Round(d * step))];
        return Sharpe(daily, 86400);
    }

    /// <summary>
    /// Annualised Sharpe ratio of equity values sampled on a fixed grid of exchange time:
    /// simple returns r_i = v_i / v_(i-1) - 1, risk-free rate 0, mean(r) / sd(r) * sqrt(periods per year) where
    /// periods per year = <see cref="SecondsPerYear"/> / <paramref name="intervalSeconds"/> and sd is the sample
    /// standard deviation (n - 1). Intervals where nothing happened count as 0 returns (a strategy that rarely
    /// trades is not flattered). Returns after a non-positive value are skipped. 0 when fewer than 2 returns or
    /// no variation (never NaN).
    /// </summary>
    public static double Sharpe(ReadOnlySpan<double> gridValues, double intervalSeconds)
    {
        if (!(intervalSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(intervalSeconds), "Must be > 0.");
        long n = 0;
        double mean = 0, m2 = 0;
        for (int i = 1; i < gridValues.Length; i++)
        {
            double prev = gridValues[i - 1];
            if (!(prev > 0) || !double.IsFinite(gridValues[i])) continue;
            double r = gridValues[i] / prev - 1.0;
            // Welford: stable for long runs of tiny returns.
            n++;
            double delta = r - mean;
            mean += delta / n;
            m2 += delta * (r - mean);
        }

        if (n < 2) return 0;
        double sd = Math.Sqrt(m2 / (n - 1));
        if (!(sd > 0)) return 0;
        return mean / sd * Math.Sqrt(SecondsPerYear / intervalSeconds);
    }

    /// <summary>Builds the summary of a run from its recorders and counters.</summary>
    public static RunSummary Summarize(RunRecorder recorder, RunCounters counters)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(counters);
        var equity = recorder.Equity;
        var trades = recorder.Trades;
        var predictions = recorder.Predictions;

        var stages = new Dictionary<string, LatencySummary>();
        foreach (var s in recorder.Stages) stages[s.Name] = s.Summarize();

        var horizons = new List<HorizonSummary>();
        for (int h = 0; h < predictions.Horizons.Count; h++)
            horizons.Add(SummarizeHorizon(predictions.Horizons[h], predictions.Unresolved(h)));
        var primary = predictions.Primary;

        double gridSeconds = equity.GridIntervalNs / 1e9;
        double days = (equity.LastTimeNs - equity.FirstTimeNs) / 1e9 / 86400;
        var grid = equity.GridValues();
        double daily = DailySharpe(grid, gridSeconds);
        bool annualised = !double.IsNaN(daily);
        double pnl = equity.Count > 0 ? equity.Pnl : trades.NetPnl;
        var stop = StopReason.Of(recorder.Verdicts);
        return new RunSummary
        {
            Events = counters.Events,
            EventsPerSecond = counters.ElapsedSeconds > 0 ? counters.Events / counters.ElapsedSeconds : 0,
            Decisions = counters.Decisions,
            ElapsedSeconds = counters.ElapsedSeconds,
            ExchangeSeconds = (equity.LastTimeNs - equity.FirstTimeNs) / 1e9,
            TickToDecisionNs = recorder.TickToDecision.Summarize(),
            StageLatencyNs = stages,
            Gen0Collections = counters.Gen0Collections,
            Gen1Collections = counters.Gen1Collections,
            Gen2Collections = counters.Gen2Collections,
            AllocatedBytes = counters.AllocatedBytes,
            AllocatedBytesPerEvent = counters.Events > 0 ? (double)counters.AllocatedBytes / counters.Events : 0,
            Accuracy = primary.Accuracy,
            BaselineAccuracy = primary.BaselineAccuracy,
            PrimaryHorizonSeconds = primary.HorizonNs / 1e9,
            ThresholdTicks = predictions.ThresholdTicks,
            ThresholdBps = predictions.ThresholdBps,
            Horizons = horizons,
            PredictionsNotScored = predictions.Dropped + predictions.Invalid,
            Trades = trades.Count,
            Pnl = pnl,
            Fees = trades.Fees,
            StartingEquity = equity.FirstEquity,
            FinalEquity = equity.LastEquity,
            Sharpe = annualised ? daily : trades.PerTradeSharpe,
            SharpeBasis = annualised ? "daily" : "perTrade",
            SharpeAnnualised = annualised,
            SharpeNote = annualised
                ? string.Create(CultureInfo.InvariantCulture, $"annualised from {Math.Floor(days + 1e-9):F0} daily returns (x sqrt(365))")
                : string.Create(CultureInfo.InvariantCulture, $"the run spans {days:G3} days of data, fewer than {MinDaysToAnnualise:G}: too short to annualise; per-trade Sharpe over {trades.Count} round trips (not annualised)"),
            SharpeIntervalSeconds = annualised ? 86400 : 0,
            DataDays = days,
            Attribution = recorder.Fills.Attribute(pnl, counters.FundingTotal),
            Markouts = recorder.Fills.Markouts(),
            StopReason = stop.Code,
            StopVerdict = stop.Verdict,
            StopReasonText = stop.Text,
            MaxDrawdown = equity.MaxDrawdown,
            MaxDrawdownAbs = equity.MaxDrawdownAbs,
            WinRate = trades.WinRate,
            FalsePositiveRate = trades.FalsePositiveRate,
            ProfitFactor = trades.ProfitFactor,
            MeanHoldingSeconds = trades.MeanHoldingSeconds,
            Digest = counters.Digest,
            Source = counters.Source,
            Model = counters.Model,
            FeatureDrift = FeatureDriftReport.Summarize(recorder.FeatureDrift),
            Windows = SummarizeWindows(predictions, recorder.Symbols),
        };
    }

    /// <summary>The per-symbol and per-regime sliding windows at the primary horizon.</summary>
    public static ScoreWindowsSummary SummarizeWindows(PredictionRecorder predictions, Core.Symbols.SymbolRegistry? symbols)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var bySymbol = new List<WindowSummary>();
        for (int id = 0; id < predictions.MaxSymbols; id++)
            if (predictions.SymbolWindow(id) is { Labelled: > 0 } w)
                bySymbol.Add(w.Summarize() with { Name = symbols is not null && id < symbols.Count ? symbols[id].Name : "#" + id.ToString(CultureInfo.InvariantCulture) });
        var byRegime = new List<WindowSummary>();
        for (int r = 0; r < predictions.RegimeWindows.Count; r++)
            if (predictions.RegimeWindows[r] is { Labelled: > 0 } w)
                byRegime.Add(w.Summarize() with { Name = PredictionRecorder.RegimeNames[r] });
        var primary = predictions.Primary;
        var any = predictions.RegimeWindows[0];
        return new ScoreWindowsSummary
        {
            HorizonSeconds = primary.HorizonNs / 1e9, BlockSeconds = any.BlockNs / 1e9, WindowBlocks = any.Capacity,
            BySymbol = bySymbol, ByRegime = byRegime,
        };
    }

    /// <summary>The scores of one horizon, with its reliability diagram.</summary>
    public static HorizonSummary SummarizeHorizon(HorizonStats stats, long unresolved)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var bins = new List<CalibrationBin>(stats.CalibrationBins);
        double width = 1.0 / stats.CalibrationBins;
        for (int b = 0; b < stats.CalibrationBins; b++)
            bins.Add(new CalibrationBin(b * width, (b + 1) * width, stats.BinCount(b), stats.BinMeanConfidence(b), stats.BinAccuracy(b)));
        return new HorizonSummary
        {
            HorizonSeconds = stats.HorizonNs / 1e9,
            Labelled = stats.Labelled,
            Unresolved = unresolved,
            Accuracy = stats.Accuracy,
            BaselineAccuracy = stats.BaselineAccuracy,
            MajorityClass = stats.Labelled == 0 ? "none" : DirectionClass.Name(stats.MajorityClass),
            RealisedCounts = [stats.Realised(0), stats.Realised(1), stats.Realised(2)],
            PredictedCounts = [stats.Predicted(0), stats.Predicted(1), stats.Predicted(2)],
            DirectionalPrecision = stats.DirectionalPrecision,
            Brier = stats.Brier,
            LogLoss = stats.LogLoss,
            ExpectedCalibrationError = stats.ExpectedCalibrationError,
            Drift = new DriftSummary
            {
                Alarms = stats.Drift.Alarms, Armed = stats.Drift.Armed, Blocks = stats.Drift.Blocks, BlockSeconds = stats.Drift.BlockNs / 1e9,
                FirstAlarmAtLabel = stats.Drift.FirstAlarmAtDecision, Statistic = stats.Drift.Statistic,
            },
            Calibration = bins,
        };
    }
}
