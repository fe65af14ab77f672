using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace HftScalper.Core.Time;

/// <summary>
/// A fixed, lock-free latency histogram in nanoseconds: log-linear buckets (values below 128 ns exact, larger ones in
/// 64 sub-buckets per power of two, i.e. within 1.6 %), up to 2^40 ns (~18 min; larger samples land in the last
/// bucket). <see cref="Record"/> is one <see cref="Interlocked.Increment(ref long)"/> on a bucket plus a few on the
/// totals: any number of threads may record at once, nothing allocates after construction (~18 KB), and readers get
/// a consistent-enough view at any time (figures from a run in progress may be a sample or two apart).
/// </summary>
/// <remarks>Built for measured points where HdrHistogram's single-writer recorder does not fit, e.g. the WebSocket API
/// client, whose sends complete on thread-pool threads. Percentiles report the upper edge of the bucket.</remarks>
public sealed class LatencyHistogram
{
    private const int SubBits = 6;                       // 64 sub-buckets per power of two
    private const int SubCount = 1 << SubBits;
    private const int Exact = 2 * SubCount;               // 0..127 exact
    private const int MaxBit = 40;                        // highest power of two tracked
    private const int BucketCount = Exact + ((MaxBit - SubBits) * SubCount);

    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private long _sumNs;
    private long _maxNs;

    /// <summary>Samples recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Largest sample, ns (0 when empty).</summary>
    public long MaxNs => Volatile.Read(ref _maxNs);

    /// <summary>Mean of the samples, ns (0 when empty).</summary>
    public double MeanNs => Count == 0 ? 0 : (double)Volatile.Read(ref _sumNs) / Count;

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> reading)
    /// to now. Lock-free, allocation-free, any thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordSince(long startTimestamp) => Record((long)((Stopwatch.GetTimestamp() - startTimestamp) * NsPerTick));

    /// <summary>Records one sample in ns (negative counts as 0). Lock-free, allocation-free, any thread.</summary>
    public void Record(long ns)
    {
        if (ns < 0) ns = 0;
        Interlocked.Increment(ref _buckets[IndexOf(ns)]);
        Interlocked.Add(ref _sumNs, ns);
        long max = Volatile.Read(ref _maxNs);
        while (ns > max)
        {
            long seen = Interlocked.CompareExchange(ref _maxNs, ns, max);
            if (seen == max) break;
            max = seen;
        }
        Interlocked.Increment(ref _count); // last: a reader that sees the count sees the bucket
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) in ns: the upper edge of the bucket holding it, capped
    /// at <see cref="MaxNs"/>; 0 when empty.</summary>
    public long PercentileNs(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        long total = 0;
        for (int i = 0; i < _buckets.Length; i++) total += Volatile.Read(ref _buckets[i]);
        if (total == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= rank) return Math.Min(UpperEdge(i), MaxNs);
        }
        return MaxNs;
    }

    /// <summary>Samples in buckets wholly above the bucket holding <paramref name="ns"/> (e.g. above a percentile this
    /// histogram or another with the same buckets reported); 0 when empty.</summary>
    public long CountAbove(long ns)
    {
        long n = 0;
        for (int i = IndexOf(Math.Max(0, ns)) + 1; i < _buckets.Length; i++) n += Volatile.Read(ref _buckets[i]);
        return n;
    }

    /// <summary>Clears every sample (not atomic against concurrent recorders: call between runs).</summary>
    public void Reset()
    {
        Array.Clear(_buckets);
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _sumNs, 0);
        Volatile.Write(ref _maxNs, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(long ns)
    {
        if (ns < Exact) return (int)ns;
        int msb = 63 - BitOperations.LeadingZeroCount((ulong)ns);
        if (msb >= MaxBit) return BucketCount - 1;
        int shift = msb - SubBits;                      // >= 1
        int sub = (int)(ns >> shift) - SubCount;        // 0..63
        return Exact + ((shift - 1) * SubCount) + sub;
    }

    private static long UpperEdge(int index)
    {
        if (index < Exact) return index;
        int shift = ((index - Exact) / SubCount) + 1;
        long sub = ((index - Exact) % SubCount) + SubCount;
        return ((sub + 1) << shift) - 1;
    }
}
