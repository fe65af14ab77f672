namespace HftScalper.Trading.Margin;

/// <summary>
/// The bracket table of <see cref="FuturesOptions.Brackets"/> in integers: caps and maintenance amounts in account
/// units of a <see cref="Ledger.PositionLedger"/>, rates in parts per million. Built once; lookups allocate nothing.
/// </summary>
internal sealed class MaintenanceBrackets
{
    /// <summary>Parts per million in one.</summary>
    public const long Ppm = 1_000_000;

    private readonly long[] _caps;
    private readonly long[] _ratesPpm;
    private readonly long[] _cums;
    private readonly int[] _maxLeverage;

    /// <summary>Converts <paramref name="brackets"/> (quote asset) to account units of 10^-<paramref name="accountDecimals"/>.</summary>
    public MaintenanceBrackets(IReadOnlyList<MarginBracket> brackets, int accountDecimals)
    {
        ArgumentNullException.ThrowIfNull(brackets);
        int n = brackets.Count;
        _caps = new long[n];
        _ratesPpm = new long[n];
        _cums = new long[n];
        _maxLeverage = new int[n];
        double unit = Math.Pow(10, accountDecimals);
        long floor = 0, cum = 0, previousRate = 0;
        for (int i = 0; i < n; i++)
        {
            double cap = brackets[i].NotionalCap * unit;
            _caps[i] = cap >= long.MaxValue || i == n - 1 ? long.MaxValue : (long)Math.Round(cap); // the last bracket is open-ended
            _ratesPpm[i] = (long)Math.Round(brackets[i].MaintenanceMarginRate * Ppm);
            cum += (long)((Int128)floor * (_ratesPpm[i] - previousRate) / Ppm); // Binance's maintenance amount
            _cums[i] = cum;
            _maxLeverage[i] = brackets[i].MaxLeverage;
            previousRate = _ratesPpm[i];
            floor = _caps[i];
        }
    }

    /// <summary>Index of the bracket holding <paramref name="notional"/> (account units).</summary>
    public int Find(long notional)
    {
        int i = 0;
        while (i < _caps.Length - 1 && notional > _caps[i]) i++;
        return i;
    }

    /// <summary>Maintenance margin rate of bracket <paramref name="bracket"/>, ppm.</summary>
    public long RatePpm(int bracket) => _ratesPpm[bracket];

    /// <summary>Maintenance amount (Binance <c>cum</c>) of bracket <paramref name="bracket"/>, account units.</summary>
    public long Cum(int bracket) => _cums[bracket];

    /// <summary>Highest leverage of bracket <paramref name="bracket"/>.</summary>
    public int MaxLeverage(int bracket) => _maxLeverage[bracket];

    /// <summary>Maintenance margin of a position of <paramref name="notional"/> account units: notional x rate - cum,
    /// rounded up (against us).</summary>
    public long Maintenance(long notional)
    {
        int b = Find(notional);
        return (long)(((Int128)notional * _ratesPpm[b] + Ppm - 1) / Ppm) - _cums[b];
    }
}
