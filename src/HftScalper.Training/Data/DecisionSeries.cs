using System.Runtime.CompilerServices;

namespace HftScalper.Training.Data;

/// <summary>
/// The mid (ticks) at every decision event, with its exchange time: the price path labels are read from. Kept for
/// every decision (not only sampled rows) so a label sees the mid as of exactly t + horizon.
/// </summary>
public sealed class DecisionSeries
{
    private long[] _times;
    private double[] _mids;

    /// <summary>Creates an empty series.</summary>
    public DecisionSeries(int capacity = 4096)
    {
        capacity = Math.Max(capacity, 16);
        _times = new long[capacity];
        _mids = new double[capacity];
    }

    /// <summary>Decisions held.</summary>
    public int Count { get; private set; }

    /// <summary>Exchange times (ns), non-decreasing.</summary>
    public ReadOnlySpan<long> TimesNs => _times.AsSpan(0, Count);

    /// <summary>Mid prices (ticks).</summary>
    public ReadOnlySpan<double> MidTicks => _mids.AsSpan(0, Count);

    /// <summary>Decisions dropped because their time went backwards or their mid was not finite.</summary>
    public long Rejected { get; private set; }

    /// <summary>
    /// Appends a decision. Returns false (and counts it) when the time is earlier than the last one or the mid is not
    /// a positive finite number: labels need a time-ordered, valid path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(long timeNs, double midTicks)
    {
        if ((Count > 0 && timeNs < _times[Count - 1]) || !(midTicks > 0) || double.IsInfinity(midTicks))
        {
            Rejected++;
            return false;
        }
        if (Count == _times.Length) Grow();
        _times[Count] = timeNs;
        _mids[Count] = midTicks;
        Count++;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        Array.Resize(ref _times, _times.Length * 2);
        Array.Resize(ref _mids, _mids.Length * 2);
    }
}
