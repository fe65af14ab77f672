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
            >= 100_000_000_000_000L => value * 1_000,
            >= 100_000_000_000L => value * 1_000_000,
            _ => -1,
        };
        return ns >= 0;
    }

    /// <summary>Midnight US/Eastern of <paramref name="date"/> in ns since the Unix epoch (US equity files count from it).</summary>
    public static long EasternMidnightNs(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = Eastern?.GetUtcOffset(local) ?? TimeSpan.FromHours(-5);
        return (local - offset - DateTime.UnixEpoch).Ticks * 100;
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
