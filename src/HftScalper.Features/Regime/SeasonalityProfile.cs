namespace HftScalper.Features.Regime;

/// <summary>
/// Intraday seasonality baseline: the mean market activity (events per second) in each hour of the UTC day, fitted
/// on history and passed to the feature engine, which reports the current activity relative to it.
/// </summary>
internal static class SeasonalityProfile
{
    /// <summary>
    /// Fits 24 hourly rates from event times (ns since the epoch, any order): for each hour of the day, events in
    /// it divided by the seconds of it the history covers (first to last event, per calendar hour). Hours the history
    /// does not cover get the overall rate. At least two events spanning more than one second.
    /// </summary>
    public static double[] Fit(ReadOnlySpan<long> eventTimesNs)
    {
        if (eventTimesNs.Length < 2) throw new ArgumentException("need at least two events", nameof(eventTimesNs));
        long min = long.MaxValue, max = long.MinValue;
        foreach (long t in eventTimesNs) { if (t < min) min = t; if (t > max) max = t; }
        if (max - min < 1_000_000_000) throw new ArgumentException("history must span more than one second", nameof(eventTimesNs));
        var counts = new double[24];
        foreach (long t in eventTimesNs) counts[HourOfDay(t)]++;
        return FromCounts(counts, eventTimesNs.Length, min, max);
    }

    // Rates from per-hour counts over [min, max]: shared by the batch fit and SeasonalityAccumulator.
    internal static double[] FromCounts(ReadOnlySpan<double> counts, long total, long min, long max)
    {
        var seconds = new double[24];
        const long HourNs = 3_600_000_000_000;
        for (long h = Math.DivRem(min, HourNs, out _) * HourNs; h < max; h += HourNs)
        {
            long from = Math.Max(h, min), to = Math.Min(h + HourNs, max);
            if (to > from) seconds[HourOfDay(h)] += (to - from) * 1e-9;
        }
        double overall = total / ((max - min) * 1e-9);
        var rates = new double[24];
        for (int i = 0; i < 24; i++) rates[i] = seconds[i] >= 1 && counts[i] > 0 ? counts[i] / seconds[i] : overall;
        return rates;
    }

    /// <summary>Hour of the UTC day (0..23) of a time in ns since the epoch.</summary>
    public static int HourOfDay(long timeNs)
    {
        long h = Math.DivRem(timeNs, 3_600_000_000_000, out _) % 24;
        return (int)(h < 0 ? h + 24 : h);
    }
}
