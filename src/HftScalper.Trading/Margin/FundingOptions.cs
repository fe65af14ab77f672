using HftScalper.Core.Settings;

namespace HftScalper.Trading.Margin;

/// <summary>
/// Funding of USD-M perpetuals in a backtest (recordings carry no funding stream): either a fixed rate every
/// <see cref="IntervalNs"/> at <see cref="OffsetNs"/> past each interval boundary of UTC (default 8 h: 00:00, 08:00,
/// 16:00 UTC, at Binance's base rate 0.01 %), or, when <see cref="Table"/> is not empty, exactly the listed times and
/// rates (the interval is then ignored).
/// </summary>
public sealed record FundingOptions
{
    /// <summary>Eight hours in ns (Binance's usual funding interval).</summary>
    public const long EightHoursNs = 8L * 3600 * 1_000_000_000;

    /// <summary>Largest funding rate magnitude accepted (5 % per funding).</summary>
    public const double MaxRate = 0.05;

    /// <summary>Time between funding events, ns of exchange time. Default 8 h.</summary>
    public long IntervalNs { get; init; } = EightHoursNs;

    /// <summary>Offset of the funding times from the interval boundaries of the Unix epoch (UTC), ns. Default 0.</summary>
    public long OffsetNs { get; init; }

    /// <summary>Rate charged at each interval time, fraction of notional (default 0.0001 = 0.01 %); longs pay when positive.</summary>
    public double Rate { get; init; } = 0.0001;

    /// <summary>Explicit funding times and rates (any order); when not empty they replace the interval schedule.</summary>
    public IReadOnlyList<FundingPoint> Table { get; init; } = [];

    /// <summary>Throws a <see cref="SettingException"/> naming the key (<paramref name="keyPrefix"/> + camelCase) when out of range.</summary>
    public void Validate(string keyPrefix = "")
    {
        SettingRange.Check(keyPrefix + "intervalNs", IntervalNs, 1_000_000, 7 * 86_400_000_000_000); // 1 ms .. a week
        SettingRange.Check(keyPrefix + "offsetNs", OffsetNs, 0, IntervalNs - 1);
        SettingRange.Check(keyPrefix + "rate", Rate, -MaxRate, MaxRate);
        ArgumentNullException.ThrowIfNull(Table, keyPrefix + "table");
        for (int i = 0; i < Table.Count; i++)
        {
            if (Table[i] is null) throw new SettingException($"{keyPrefix}table[{i}] is null");
            SettingRange.Check($"{keyPrefix}table[{i}].rate", Table[i].Rate, -MaxRate, MaxRate);
            if (Table[i].Time.ToUnixTimeMilliseconds() < 0) throw new SettingException($"{keyPrefix}table[{i}].time = {Table[i].Time:O} is before 1970");
        }
    }
}
