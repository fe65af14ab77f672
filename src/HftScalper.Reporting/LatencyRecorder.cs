using System.Runtime.CompilerServices;
using HdrHistogram;

namespace HftScalper.Reporting;

/// <summary>
/// Latency samples of one measurement point (tick-to-decision, or one pipeline stage), in nanoseconds, kept in an
/// HdrHistogram (log-linear buckets, 3 significant digits: values below 2048 ns are exact, larger ones within
/// 0.1 %). Exact count, sum, minimum and maximum are tracked beside it. <see cref="Record"/> does not allocate
/// and takes no lock: call it from one thread (the stage that measures); read the figures after the run.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Default upper bound of the histogram: 10 s; larger samples are clamped to it and counted.</summary>
    public const long DefaultHighestTrackableNs = 10_000_000_000;

    private readonly LongHistogram _histogram;
    private readonly long _highest;
    private long _count;
    private long _sumNs;
    private long _minNs = long.MaxValue;
    private long _maxNs;
    private long _clamped;

    /// <summary>Creates an empty recorder; the histogram (a few hundred KB) is allocated here, once.</summary>
    /// <param name="name">Name shown in the summary and the report (e.g. "tickToDecision", "features").</param>
    /// <param name="highestTrackableNs">Largest value kept exactly; larger samples are clamped (and counted).</param>
    public LatencyRecorder(string name, long highestTrackableNs = DefaultHighestTrackableNs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(highestTrackableNs, 2L);
        Name = name;
        _highest = highestTrackableNs;
        _histogram = new LongHistogram(1, highestTrackableNs, 3);
        // Reset clears the count array, which writes every page of it: mapped here, not by the first sample that
        // lands in a new 4 KiB page of counts (a page fault on the decision path, mostly on the tail's samples).
        _histogram.Reset();
    }

    /// <summary>Name of the measurement point.</summary>
    public string Name { get; }

    /// <summary>Number of samples recorded.</summary>
    public long Count => _count;

    /// <summary>Samples that were negative (clock went backwards) or above the trackable range and were clamped.</summary>
    public long Clamped => _clamped;

    /// <summary>Exact smallest sample in ns (0 when empty).</summary>
    public long MinNs => _count == 0 ? 0 : _minNs;

    /// <summary>Exact largest sample in ns (0 when empty).</summary>
    public long MaxNs => _maxNs;

    /// <summary>Exact arithmetic mean in ns (0 when empty).</summary>
    public double MeanNs => _count == 0 ? 0 : (double)_sumNs / _count;

    /// <summary>Records one sample in ns. Zero allocation; negative samples count as 0 and are counted as clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long ns)
    {
        if ((ulong)ns > (ulong)_highest)
        {
            ns = Clamp(ns);
        }

        _count++;
        _sumNs += ns;
        if (ns < _minNs) _minNs = ns;
        if (ns > _maxNs) _maxNs = ns;
        // HdrHistogram's lowest trackable value is 1: a 0 ns sample lands in the first bucket as 0.
        _histogram.RecordValue(ns);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Clamp(long ns)
    {
        _clamped++;
        return ns < 0 ? 0 : _highest;
    }

    /// <summary>
    /// Value at a percentile in [0, 100] in ns (the highest value equivalent to the bucket holding it, so an
    /// upper bound within the histogram's precision; exact below 2048 ns). 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        if (_count == 0) return 0;
        // The histogram's top bucket is wider than the exact maximum: never report more than was seen.
        return Math.Min(_histogram.GetValueAtPercentile(percentile), _maxNs);
    }

    /// <summary>Percentiles, mean, min, max and count in one value (allocates nothing but the record).</summary>
    public LatencySummary Summarize() => new(
        Count, ValueAtPercentile(50), ValueAtPercentile(99), ValueAtPercentile(99.9), MinNs, MaxNs, MeanNs);

    /// <summary>
    /// Counts of samples in logarithmic bins (<paramref name="binsPerDecade"/> bins per factor of 10, from 1 ns),
    /// for the histogram plot; only bins from the smallest to the largest non-empty one are returned. Allocates:
    /// call after the run.
    /// </summary>
    public LatencyBin[] LogBins(int binsPerDecade = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binsPerDecade, 1);
        if (_count == 0) return [];
        int maxBin = BinOf(_maxNs, binsPerDecade);
        var counts = new long[maxBin + 1];
        foreach (var v in _histogram.RecordedValues())
        {
            // Each histogram bucket goes, whole, into the log bin of its representative (highest) value.
            counts[Math.Min(BinOf(Math.Min(v.ValueIteratedTo, _maxNs), binsPerDecade), maxBin)] += v.CountAtValueIteratedTo;
        }

        int first = 0;
        while (counts[first] == 0) first++;
        var bins = new LatencyBin[maxBin - first + 1];
        for (int i = first; i <= maxBin; i++)
        {
            bins[i - first] = new LatencyBin(Math.Pow(10, (double)i / binsPerDecade), Math.Pow(10, (double)(i + 1) / binsPerDecade), counts[i]);
        }

        return bins;
    }

    private static int BinOf(long ns, int binsPerDecade) =>
        ns <= 1 ? 0 : (int)Math.Floor(Math.Log10(ns) * binsPerDecade);

    /// <summary>Forgets all samples (e.g. after warm-up). Does not allocate.</summary>
    public void Reset()
    {
        _histogram.Reset();
        _count = 0;
        _sumNs = 0;
        _minNs = long.MaxValue;
        _maxNs = 0;
        _clamped = 0;
    }
}
