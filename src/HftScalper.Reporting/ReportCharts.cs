using ScottPlot;

namespace HftScalper.Reporting;

/// <summary>
/// The report's plots, rendered by ScottPlot 5 (SkiaSharp, headless: no display needed) to PNG bytes. Text uses
/// the system's fonts through SkiaSharp's font manager; on a machine without any font file the plots still
/// render, without labels (Debian: install fonts-dejavu-core). Each method allocates freely: after the run only.
/// </summary>
internal static class ReportCharts
{
    /// <summary>Default plot width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Default plot height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Equity over exchange time (seconds since the first point), in <paramref name="unit"/> (the account's asset).</summary>
    public static byte[] EquityCurve(EquityRecorder equity, string unit = "quote currency")
    {
        ArgumentNullException.ThrowIfNull(equity);
        var plot = NewPlot($"Equity ({unit}, after fees)", "exchange time since start (s)", "equity");
        var (times, values, _) = equity.Trace();
        if (times.Length == 0) return Empty(plot, "no equity points");
        var line = plot.Add.ScatterLine(Seconds(times, equity.FirstTimeNs), values);
        line.LineWidth = 1.5f;
        return Render(plot);
    }

    /// <summary>Drawdown from the running peak, in percent (plotted downwards).</summary>
    public static byte[] Drawdown(EquityRecorder equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        var plot = NewPlot($"Drawdown from peak (max {equity.MaxDrawdown:P3})", "exchange time since start (s)", "drawdown (%)");
        var (times, _, drawdown) = equity.Trace();
        if (times.Length == 0) return Empty(plot, "no equity points");
        var percent = new double[drawdown.Length];
        for (int i = 0; i < percent.Length; i++) percent[i] = -100.0 * drawdown[i];
        var line = plot.Add.ScatterLine(Seconds(times, equity.FirstTimeNs), percent);
        line.LineWidth = 1.5f;
        line.Color = Colors.FireBrick;
        return Render(plot);
    }

    /// <summary>
    /// Latency histograms on a logarithmic x axis (ns), one step line per recorder (share of its samples per
    /// log bin, 10 bins per decade), so recorders with different counts compare.
    /// </summary>
    public static byte[] LatencyHistogram(IReadOnlyList<LatencyRecorder> recorders)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        var plot = NewPlot("Latency distribution", "latency (ns, log scale)", "share of samples (%)");
        bool any = false;
        foreach (var recorder in recorders)
        {
            var bins = recorder.LogBins();
            if (bins.Length == 0) continue;
            any = true;
            // Step outline of the bins: x = log10 of the edges, so the axis is logarithmic.
            var xs = new double[bins.Length * 2];
            var ys = new double[bins.Length * 2];
            for (int i = 0; i < bins.Length; i++)
            {
                double share = 100.0 * bins[i].Count / recorder.Count;
                xs[2 * i] = Math.Log10(bins[i].LowerNs);
                xs[2 * i + 1] = Math.Log10(bins[i].UpperNs);
                ys[2 * i] = ys[2 * i + 1] = share;
            }

            var line = plot.Add.ScatterLine(xs, ys);
            line.LineWidth = 1.5f;
            line.LegendText = $"{recorder.Name} (p50 {recorder.ValueAtPercentile(50):N0}, p99 {recorder.ValueAtPercentile(99):N0})";
        }

        if (!any) return Empty(plot, "no latency samples");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = LogLabel,
        };
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot);
    }

    /// <summary>Reliability diagram: mean top-class confidence vs realised accuracy per bin, one series per horizon.</summary>
    public static byte[] Calibration(IReadOnlyList<HorizonSummary> horizons)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        var plot = NewPlot("Prediction calibration (reliability)", "predicted confidence (top class)", "realised frequency");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";
        bool any = false;
        foreach (var h in horizons)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var bin in h.Calibration)
            {
                if (bin.Count == 0) continue;
                xs.Add(bin.MeanConfidence);
                ys.Add(bin.Accuracy);
            }

            if (xs.Count == 0) continue;
            any = true;
            var series = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            series.MarkerSize = 7;
            series.LegendText = $"{h.HorizonSeconds:G} s (acc {h.Accuracy:P1}, n {h.Labelled:N0})";
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        if (!any) return Empty(plot, "no scored predictions");
        plot.ShowLegend(Alignment.UpperLeft);
        return Render(plot);
    }

    private static string LogLabel(double exponent)
    {
        double ns = Math.Pow(10, exponent);
        return ns >= 1e9 ? $"{ns / 1e9:G3} s" : ns >= 1e6 ? $"{ns / 1e6:G3} ms" : ns >= 1e3 ? $"{ns / 1e3:G3} µs" : $"{ns:G3} ns";
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    private static double[] Seconds(long[] timesNs, long originNs)
    {
        var xs = new double[timesNs.Length];
        for (int i = 0; i < xs.Length; i++) xs[i] = (timesNs[i] - originNs) / 1e9;
        return xs;
    }

    private static byte[] Empty(Plot plot, string text)
    {
        plot.Add.Annotation(text);
        return Render(plot);
    }

    private static byte[] Render(Plot plot) => plot.GetImage(Width, Height).GetImageBytes(ImageFormat.Png, 100);
}
