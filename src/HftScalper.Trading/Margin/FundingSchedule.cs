namespace HftScalper.Trading.Margin;

/// <summary>
/// The funding times and rates of <see cref="FundingOptions"/> in integers: times in ns since the Unix epoch, rates in
/// units of 10^-8 (Binance publishes funding rates with 8 decimals). Built once; lookups allocate nothing.
/// </summary>
internal sealed class FundingSchedule
{
    /// <summary>Rate units in one (rates are held in 10^-8).</summary>
    public const long RateScale = 100_000_000;

    private readonly long _intervalNs;
    private readonly long _offsetNs;
    private readonly long _rate;
    private readonly long[] _times;
    private readonly long[] _rates;

    /// <summary>The schedule of <paramref name="options"/>.</summary>
    public FundingSchedule(FundingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _intervalNs = options.IntervalNs;
        _offsetNs = options.OffsetNs;
        _rate = ToRate(options.Rate);
        var table = options.Table.OrderBy(p => p.Time).ToArray();
        _times = new long[table.Length];
        _rates = new long[table.Length];
        for (int i = 0; i < table.Length; i++)
        {
            _times[i] = table[i].Time.ToUnixTimeMilliseconds() * 1_000_000 + table[i].Time.Ticks % TimeSpan.TicksPerMillisecond * 100;
            _rates[i] = ToRate(table[i].Rate);
        }
    }

    /// <summary>The first funding time strictly after <paramref name="timeNs"/> (<see cref="long.MaxValue"/>: none).</summary>
    public long NextAfter(long timeNs)
    {
        if (_times.Length > 0)
        {
            int i = Array.BinarySearch(_times, timeNs);
            i = i >= 0 ? i + 1 : ~i;
            while (i < _times.Length && _times[i] <= timeNs) i++;
            return i < _times.Length ? _times[i] : long.MaxValue;
        }
        long k = Math.DivRem(timeNs - _offsetNs, _intervalNs, out long rem);
        if (rem < 0) k--; // floor division before the epoch offset
        return (k + 1) * _intervalNs + _offsetNs;
    }

    /// <summary>The rate charged at funding time <paramref name="fundingTimeNs"/> (one returned by <see cref="NextAfter"/>), 10^-8 units.</summary>
    public long RateAt(long fundingTimeNs)
    {
        if (_times.Length == 0) return _rate;
        int i = Array.BinarySearch(_times, fundingTimeNs);
        return i >= 0 ? _rates[i] : 0;
    }

    private static long ToRate(double rate) => (long)Math.Round(rate * RateScale);
}
