namespace HftScalper.Trading.Risk;

/// <summary>
/// One counter per <see cref="RiskVerdict"/>. Written by the risk thread (plain increments on the hot path), read
/// by any thread (a torn read is impossible for aligned longs on 64-bit; the value may lag by a few updates).
/// </summary>
public sealed class RiskCounters
{
    /// <summary>Number of verdict values (array size).</summary>
    public static readonly int VerdictCount = Enum.GetValues<RiskVerdict>().Length;

    private readonly long[] _counts = new long[VerdictCount];

    /// <summary>Times <paramref name="verdict"/> was returned.</summary>
    public long this[RiskVerdict verdict] => Volatile.Read(ref _counts[(int)verdict]);

    /// <summary>All evaluations.</summary>
    public long Total
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _counts.Length; i++) sum += Volatile.Read(ref _counts[i]);
            return sum;
        }
    }

    /// <summary>Counts one verdict (hot path).</summary>
    public void Increment(RiskVerdict verdict) => _counts[(int)verdict]++;

    /// <summary>Copies the counters, indexed by verdict, into <paramref name="destination"/> (length &gt;= <see cref="VerdictCount"/>).</summary>
    public void CopyTo(Span<long> destination)
    {
        for (int i = 0; i < _counts.Length; i++) destination[i] = Volatile.Read(ref _counts[i]);
    }
}
