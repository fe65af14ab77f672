using System.Globalization;

namespace HftScalper.Recording.Events.Csv;

/// <summary>Timestamp conversions shared by the file formats.</summary>
internal static class TimeConvert
{
    private static readonly TimeZoneInfo? Eastern = FindEastern();

    /// <summary>Binance public data gives epoch milliseconds (microseconds for spot since 2025): tell them apart by size.</summary>
    public static long EpochToNs(long value) => value >= 100_000_000_000_000L ? value * 1_000 : value * 1_000_000;

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
