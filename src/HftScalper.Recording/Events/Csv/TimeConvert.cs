using System.Globalization;

namespace HftScalper.Recording.Events.Csv;

/// <summary>Timestamp conversions shared by the file formats.</summary>
internal static class TimeConvert
{
    private static readonly TimeZoneInfo? Eastern = FindEastern();

    /// <summary>
    /// Binance public data gives epoch milliseconds (microseconds for spot since 2025): tell them apart by size, and
    /// nanoseconds too. False for what is none of them (seconds, a negative or tiny value): a row timed in 1970 or
    /// wrapped past 64 bits (nanoseconds had been multiplied by 1,000) would pass silently mis-timed.
    /// </summary>
    public static bool TryEpochToNs(long value, out long ns)
    {
        // 10^11 ms is 1973, 10^14 ms the year 5138: any real millisecond time lies between; the same for us and ns.
        ns = value switch
        {
            >= 100_000_000_000_000_000L => value,
            >= 100_000_000_000_000L when value <= long.MaxValue / 1_000 => value * 1_000, // else it wraps past 64 bits
            >= 100_000_000_000L when value <= long.MaxValue / 1_000_000 => value * 1_000_000,
            _ => -1,
        };
        return ns >= 0;
    }

    /// <summary>
    /// Midnight US/Eastern of <paramref name="date"/> in ns since the Unix epoch, at the UTC offset of the trading day:
    /// US equity files count wall-clock time from it, so <c>start + ms</c> is right from 03:00 on (the clocks change at
    /// 02:00; midnight's own offset put a whole session an hour off on the two days a year they do).
    /// </summary>
    public static long EasternMidnightNs(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return (local - EasternOffset(local.AddHours(12)) - DateTime.UnixEpoch).Ticks * 100;
    }

    /// <summary>The UTC offset of US/Eastern wall-clock time <paramref name="local"/>: the system's time zone database,
    /// else the US daylight-saving rule (a container without tzdata had read every summer day at -5 h, silently).</summary>
    internal static TimeSpan EasternOffset(DateTime local) => Eastern?.GetUtcOffset(local) ?? UsEasternRule(local);

    /// <summary>US/Eastern by rule: -4 h during daylight saving time (from 2007 the second Sunday of March to the first
    /// Sunday of November; 1987-2006 the first Sunday of April to the last Sunday of October; clocks change at 02:00
    /// local), else -5 h.</summary>
    internal static TimeSpan UsEasternRule(DateTime local)
    {
        int y = local.Year;
        DateTime start = y >= 2007 ? NthSunday(y, 3, 2) : NthSunday(y, 4, 1);
        DateTime end = y >= 2007 ? NthSunday(y, 11, 1) : LastSunday(y, 10);
        bool summer = local >= start.AddHours(2) && local < end.AddHours(2);
        return TimeSpan.FromHours(summer ? -4 : -5);
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1);
        return first.AddDays(((7 - (int)first.DayOfWeek) % 7) + 7 * (n - 1));
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(int)last.DayOfWeek);
    }

    /// <summary>The first 8-digit run <c>YYYYMMDD</c> or <c>YYYY-MM-DD</c> date in a file name.</summary>
    public static bool TryDateFromName(string fileName, out DateOnly date)
    {
        date = default;
        for (int i = 0; i + 8 <= fileName.Length; i++)
        {
            if (i + 10 <= fileName.Length && DateOnly.TryParseExact(fileName.AsSpan(i, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
            if ((i == 0 || !char.IsAsciiDigit(fileName[i - 1])) && (i + 8 == fileName.Length || !char.IsAsciiDigit(fileName[i + 8])) &&
                DateOnly.TryParseExact(fileName.AsSpan(i, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        }
        return false;
    }

    private static TimeZoneInfo? FindEastern()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("America/New_York"); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }
}
