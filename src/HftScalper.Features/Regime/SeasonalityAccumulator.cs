namespace HftScalper.Features.Regime;

/// <summary>
/// Streaming form of <see cref="SeasonalityProfile.Fit"/>: counts events per UTC hour of the day and the history's
/// first and last time, so hours of events are fitted without keeping every time. <see cref="Fit"/> gives exactly
/// what <see cref="SeasonalityProfile.Fit"/> gives on the same times.
/// </summary>
internal sealed class SeasonalityAccumulator
{
    private readonly double[] _counts = new double[24];
    private long _min = long.MaxValue, _max = long.MinValue;

    /// <summary>Events added.</summary>
    public long Count { get; private set; }

    /// <summary>Earliest event time added (ns), <see cref="long.MaxValue"/> when empty.</summary>
    public long FromNs => _min;

    /// <summary>Latest event time added (ns), <see cref="long.MinValue"/> when empty.</summary>
    public long ToNs => _max;

    /// <summary>Adds one event at <paramref name="timeNs"/> (ns since the epoch, any order).</summary>
    public void Add(long timeNs)
    {
        _counts[SeasonalityProfile.HourOfDay(timeNs)]++;
        if (timeNs < _min) _min = timeNs;
        if (timeNs > _max) _max = timeNs;
        Count++;
    }

    /// <summary>
    /// Adds <paramref name="count"/> events from <paramref name="firstNs"/> to <paramref name="lastNs"/>, all in the
    /// same UTC hour (e.g. one second's events: the first and last time and how many).
    /// </summary>
    /// <exception cref="ArgumentException">The times are in different hours, or the count is below 1.</exception>
    public void AddRun(long firstNs, long lastNs, long count)
    {
        int hour = SeasonalityProfile.HourOfDay(firstNs);
        if (count < 1 || lastNs < firstNs || lastNs - firstNs >= 3_600_000_000_000 || SeasonalityProfile.HourOfDay(lastNs) != hour)
            throw new ArgumentException("a run is at least one event within one UTC hour");
        _counts[hour] += count;
        if (firstNs < _min) _min = firstNs;
        if (lastNs > _max) _max = lastNs;
        Count += count;
    }

    /// <summary>Whether <see cref="Fit"/> can run: two events more than one second apart.</summary>
    public bool CanFit => Count >= 2 && _max - _min >= 1_000_000_000;

    /// <summary>The 24 hourly rates (events per second); see <see cref="SeasonalityProfile.Fit"/>.</summary>
    /// <exception cref="InvalidOperationException">Not <see cref="CanFit"/>.</exception>
    public double[] Fit()
    {
        if (!CanFit) throw new InvalidOperationException("seasonality needs two events spanning more than one second");
        return SeasonalityProfile.FromCounts(_counts, Count, _min, _max);
    }
}
