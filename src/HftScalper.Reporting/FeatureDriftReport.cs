using System.Globalization;

namespace HftScalper.Reporting;

/// <summary>Turns a <see cref="FeatureDriftMonitor"/> into its <see cref="FeatureDriftSummary"/> and text line (after the run).</summary>
public static class FeatureDriftReport
{
    /// <summary>The note when the serving model has no reference distributions.</summary>
    public const string NoReference = "no reference: the model's metadata has no hft.reference (add one with `hft models sketch MODEL [FILES]`)";

    /// <summary>The summary of <paramref name="monitor"/>; null = nothing compared, for the reason <paramref name="note"/>.</summary>
    public static FeatureDriftSummary Summarize(FeatureDriftMonitor? monitor, string note = NoReference)
    {
        if (monitor is null) return new FeatureDriftSummary { Reference = false, Note = note };
        monitor.Flush(); // an evaluation still spread over decisions that never came
        var o = monitor.Options;
        var r = monitor.Reference;
        var features = Enumerable.Range(0, monitor.FeatureCount).Select(c => Column(monitor, c)).ToList();
        var predictions = Enumerable.Range(monitor.FeatureCount, monitor.Columns.Count - monitor.FeatureCount).Select(c => Column(monitor, c)).ToList();
        var worst = features.OrderByDescending(c => c.PsiMax).ThenBy(c => c.Feature, StringComparer.Ordinal).ToList();
        return new FeatureDriftSummary
        {
            Reference = true,
            Note = r.Source,
            ReferenceRows = r.Rows,
            Window = o.Window,
            SampleIntervalSeconds = o.SampleIntervalNs / 1e9,
            BlockSeconds = o.BlockNs / 1e9,
            Threshold = o.PsiThreshold,
            SampledRows = monitor.Sampled,
            Evaluations = monitor.Evaluations,
            PsiMax = worst.Count > 0 ? worst[0].PsiMax : 0,
            WorstFeature = worst.Count > 0 && worst[0].PsiMax > 0 ? worst[0].Feature : "",
            Alarms = monitor.Alarms,
            FirstAlarmSeconds = monitor.FirstAlarmNs < 0 ? -1 : Math.Round((monitor.FirstAlarmNs - monitor.FirstTimeNs) / 1e9, 3),
            PredictionPsiMax = predictions.Count > 0 ? predictions.Max(c => c.PsiMax) : 0,
            PredictionAlarms = monitor.PredictionAlarms,
            PredictionMeans = r.PredictionNames.Select((n, i) => (n, v: monitor.PredictionMean(i))).Where(x => double.IsFinite(x.v))
                .ToDictionary(x => x.n, x => Math.Round(x.v, 6)),
            ReferencePredictionMeans = r.PredictionNames.Select((n, i) => (n, v: r.PredictionMeans[i])).ToDictionary(x => x.n, x => x.v),
            PerFeature = [.. worst.Take(5)],
            Predictions = predictions,
            Events = [.. monitor.Events.Select(e => e with { Psi = Math.Round(e.Psi, 4), EffectiveRows = Math.Round(e.EffectiveRows, 1) })],
        };
    }

    private static FeatureDriftColumn Column(FeatureDriftMonitor m, int c) =>
        new(m.Columns[c], Math.Round(m.Psi(c), 4), Math.Round(m.PsiMax(c), 4), m.ColumnAlarms(c));

    /// <summary>One line for the text summary.</summary>
    public static string Text(FeatureDriftSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!s.Reference) return s.Note;
        if (s.Evaluations == 0)
            return string.Create(CultureInfo.InvariantCulture, $"not judged: {s.SampledRows} rows sampled, a window needs {s.Window} (one per {s.SampleIntervalSeconds:G} s of exchange time)");
        return FormattableString.Invariant(
            $"PSI max {s.PsiMax:F3} ({s.WorstFeature}), {s.Alarms} alarm(s); predictions PSI max {s.PredictionPsiMax:F3}, {s.PredictionAlarms} alarm(s); {s.Evaluations} windows of {s.Window} rows vs {s.ReferenceRows:N0} training rows (alarm at PSI {s.Threshold:G})") +
            (s.FirstAlarmSeconds >= 0 ? FormattableString.Invariant($"; FEATURE DRIFT first at {s.FirstAlarmSeconds:F0} s") : "");
    }
}
