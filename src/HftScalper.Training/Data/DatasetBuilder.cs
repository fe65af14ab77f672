namespace HftScalper.Training.Data;

/// <summary>
/// Collects a dataset from a stream of decision events (time, mid, feature row): every decision goes into the
/// <see cref="DecisionSeries"/> the labels are read from; the rows kept as samples are every decision
/// (<see cref="SampleIntervalNs"/> = 0) or the first decision at or after each tick of a fixed exchange-time clock.
/// Decisions from an unsynced book are left out of both (their mid is not a market price).
/// </summary>
public sealed class DatasetBuilder
{
    private long _nextSampleNs = long.MinValue;

    /// <summary>Creates a builder for rows of <paramref name="width"/> features.</summary>
    /// <param name="width">Feature count.</param>
    /// <param name="sampleIntervalNs">Sampling clock in ns of exchange time; 0 keeps every decision.</param>
    public DatasetBuilder(int width, long sampleIntervalNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleIntervalNs);
        SampleIntervalNs = sampleIntervalNs;
        Samples = new FeatureMatrix(width);
    }

    /// <summary>The sampling clock (0 = every decision).</summary>
    public long SampleIntervalNs { get; }

    /// <summary>The sampled rows.</summary>
    public FeatureMatrix Samples { get; }

    /// <summary>Every accepted decision's time and mid.</summary>
    public DecisionSeries Decisions { get; } = new();

    /// <summary>Decisions skipped because the book was not synced.</summary>
    public long Unsynced { get; private set; }

    /// <summary>Rows skipped because a feature was not finite (counted, never trained on).</summary>
    public long NonFiniteRows { get; private set; }

    /// <summary>Feeds one decision event.</summary>
    public void Add(long exchangeTimeNs, double midTicks, bool bookSynced, ReadOnlySpan<float> row)
    {
        if (!bookSynced)
        {
            Unsynced++;
            return;
        }
        if (!Decisions.Add(exchangeTimeNs, midTicks)) return;
        if (SampleIntervalNs > 0)
        {
            if (exchangeTimeNs < _nextSampleNs) return;
            _nextSampleNs = (exchangeTimeNs / SampleIntervalNs + 1) * SampleIntervalNs;
        }
        foreach (var v in row)
        {
            if (!float.IsFinite(v))
            {
                NonFiniteRows++;
                return;
            }
        }
        Samples.Add(row, exchangeTimeNs, midTicks);
    }
}
