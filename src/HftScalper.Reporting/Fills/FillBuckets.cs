namespace HftScalper.Reporting.Fills;

/// <summary>
/// A <see cref="FillRecorder"/>'s fills summed per fixed bucket of exchange time (bucket k holds times in
/// [k x <see cref="BucketNs"/>, (k + 1) x <see cref="BucketNs"/>), counted from the epoch, so two strategies over the same
/// events share buckets): the markouts at the recorder's first horizon (sum and count, by the fill's time) and the
/// mark-to-mid gross PnL (before fees) made in the bucket: each fill's price against the symbol's current mid, then the
/// position marked at every later mid. The buckets are the clusters of <see cref="ClusteredStatistics"/>: fills close in
/// time share the mid path their markouts read, so they are not independent samples.
/// <para>Memory is per bucket, never per fill or event: arrays grow by doubling up to <see cref="MaxBuckets"/>; a longer
/// run merges neighbouring buckets pairwise (the bucket length doubles, which only lengthens clusters). One thread (the
/// recorder's); an array grows rarely (a run spanning more buckets), otherwise no allocation per call.</para>
/// </summary>
public sealed class FillBuckets
{
    /// <summary>Buckets held before neighbours merge (2^17: 30 days of 20 s buckets; 4 MB).</summary>
    public const int MaxBuckets = 1 << 17;

    private double[] _markoutSum = new double[64];
    private long[] _markouts = new long[64];
    private double[] _pnl = new double[64];
    private int[] _activity = new int[64];

    /// <summary>Buckets of <paramref name="bucketNs"/> ns of exchange time.</summary>
    public FillBuckets(long bucketNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketNs, 1L);
        BucketNs = bucketNs;
    }

    /// <summary>Bucket length in ns (doubles each time a run outgrows <see cref="MaxBuckets"/>).</summary>
    public long BucketNs { get; private set; }

    /// <summary>Index (time / <see cref="BucketNs"/>) of the first bucket held.</summary>
    public long FirstIndex { get; private set; }

    /// <summary>Buckets from the first to the last one touched.</summary>
    public int Count { get; private set; }

    /// <summary>Events dated before the first bucket (a fill reported with an exchange time before the first mid seen),
    /// counted into the first bucket.</summary>
    public long Early { get; private set; }

    /// <summary>Sum of the markouts (bps) of the fills made in each bucket.</summary>
    public ReadOnlySpan<double> MarkoutSums => _markoutSum.AsSpan(0, Count);

    /// <summary>Resolved markouts of the fills made in each bucket.</summary>
    public ReadOnlySpan<long> MarkoutCounts => _markouts.AsSpan(0, Count);

    /// <summary>Mark-to-mid gross PnL made in each bucket, the account's asset.</summary>
    public ReadOnlySpan<double> Pnl => _pnl.AsSpan(0, Count);

    /// <summary>Fills plus mids seen while holding a position, per bucket: 0 = the strategy had no exposure there.</summary>
    public ReadOnlySpan<int> Activity => _activity.AsSpan(0, Count);

    /// <summary>A fill at <paramref name="timeNs"/> worth <paramref name="pnl"/> against the current mid.</summary>
    internal void OnFill(long timeNs, double pnl)
    {
        int i = Slot(timeNs);
        _pnl[i] += pnl;
        _activity[i]++;
    }

    /// <summary>A mid at <paramref name="timeNs"/> moved an open position's value by <paramref name="pnl"/>.</summary>
    internal void OnMove(long timeNs, double pnl)
    {
        int i = Slot(timeNs);
        _pnl[i] += pnl;
        _activity[i]++;
    }

    /// <summary>The fill made at <paramref name="fillTimeNs"/> resolved its markout, <paramref name="bps"/>.</summary>
    internal void OnMarkout(long fillTimeNs, double bps)
    {
        int i = Slot(fillTimeNs);
        _markoutSum[i] += bps;
        _markouts[i]++;
    }

    /// <summary>A copy merged to buckets of <paramref name="bucketNs"/> (a power-of-two multiple of <see cref="BucketNs"/>),
    /// so two strategies whose runs merged differently are compared over the same buckets.</summary>
    public FillBuckets Coarsened(long bucketNs)
    {
        var copy = new FillBuckets(BucketNs)
        {
            FirstIndex = FirstIndex, Count = Count, Early = Early,
            _markoutSum = (double[])_markoutSum.Clone(), _markouts = (long[])_markouts.Clone(),
            _pnl = (double[])_pnl.Clone(), _activity = (int[])_activity.Clone(),
        };
        while (copy.BucketNs < bucketNs) copy.Halve();
        if (copy.BucketNs != bucketNs) throw new ArgumentException("not a power-of-two multiple of the bucket length", nameof(bucketNs));
        return copy;
    }

    private static long Floor(long t, long length) => t >= 0 ? t / length : -((-t + length - 1) / length);

    private int Slot(long timeNs)
    {
        long index = Floor(timeNs, BucketNs);
        if (Count == 0)
        {
            FirstIndex = index;
            Count = 1;
        }
        if (index < FirstIndex)
        {
            Early++;
            return 0;
        }
        while (index - FirstIndex >= MaxBuckets)
        {
            Halve();
            index = Floor(timeNs, BucketNs);
        }
        int slot = (int)(index - FirstIndex);
        if (slot >= _pnl.Length) Grow(slot + 1);
        if (slot >= Count) Count = slot + 1;
        return slot;
    }

    private void Grow(int needed)
    {
        int size = Math.Min(MaxBuckets, Math.Max(needed, _pnl.Length * 2));
        Array.Resize(ref _markoutSum, size);
        Array.Resize(ref _markouts, size);
        Array.Resize(ref _pnl, size);
        Array.Resize(ref _activity, size);
    }

    // Bucket k of length 2L holds the buckets 2k and 2k + 1 of length L (indices from the epoch, so merges align).
    private void Halve()
    {
        long first = Floor(FirstIndex, 2);
        int count = Count == 0 ? 0 : (int)(Floor(FirstIndex + Count - 1, 2) - first + 1);
        for (int i = 0; i < Count; i++)
        {
            int to = (int)(Floor(FirstIndex + i, 2) - first);
            if (to == i) continue;
            _markoutSum[to] += _markoutSum[i];
            _markouts[to] += _markouts[i];
            _pnl[to] += _pnl[i];
            _activity[to] += _activity[i];
            _markoutSum[i] = 0;
            _markouts[i] = 0;
            _pnl[i] = 0;
            _activity[i] = 0;
        }
        FirstIndex = first;
        Count = count;
        BucketNs *= 2;
    }
}
