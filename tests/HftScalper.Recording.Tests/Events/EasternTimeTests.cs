using HftScalper.Recording.Events.Csv;

namespace HftScalper.Recording.Tests.Events;

/// <summary>US equity files count wall-clock milliseconds from midnight US/Eastern: the day's start must carry the offset
/// of the session, on the days the clocks change and on a machine without a time zone database.</summary>
public sealed class EasternTimeTests
{
    private static long Utc(int y, int mo, int d, int h, int mi) => (new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    [Theory]
    [InlineData(2024, 3, 10, 13)] // clocks went forward at 02:00: the 09:30 open is 13:30 UTC (midnight's offset said 14:30)
    [InlineData(2024, 11, 3, 14)] // clocks went back at 02:00: the open is 14:30 UTC (midnight's offset said 13:30)
    [InlineData(2013, 10, 9, 13)] // the shared IBM day, summer time
    [InlineData(2013, 12, 9, 14)]
    public void The_regular_session_opens_at_its_utc_time_on_every_day(int y, int m, int d, int openHourUtc)
    {
        long open = TimeConvert.EasternMidnightNs(new DateOnly(y, m, d)) + 34_200_000L * 1_000_000;

        Assert.Equal(Utc(y, m, d, openHourUtc, 30), open);
    }

    [Theory]
    [InlineData(2024, 3, 9, -5)]
    [InlineData(2024, 3, 10, -4)]
    [InlineData(2024, 11, 2, -4)]
    [InlineData(2024, 11, 3, -5)]
    [InlineData(2005, 4, 2, -5)]
    [InlineData(2005, 4, 3, -4)]
    [InlineData(2005, 10, 29, -4)]
    [InlineData(2005, 10, 30, -5)]
    public void The_daylight_saving_rule_gives_the_offset_without_a_time_zone_database(int y, int m, int d, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), TimeConvert.UsEasternRule(new DateTime(y, m, d, 12, 0, 0)));
    }

    [RequiresEasternTimeZoneFact]
    public void The_rule_agrees_with_the_time_zone_database_at_noon_of_every_day_from_1990_to_2035()
    {
        var tz = RequiresEasternTimeZoneFactAttribute.Find()!;
        for (var day = new DateTime(1990, 1, 1, 12, 0, 0); day.Year < 2036; day = day.AddDays(1))
            Assert.True(tz.GetUtcOffset(day) == TimeConvert.UsEasternRule(day), $"{day:yyyy-MM-dd}");
    }
}

/// <summary>A fact skipped, with a message, on a machine without the America/New_York time zone.</summary>
internal sealed class RequiresEasternTimeZoneFactAttribute : FactAttribute
{
    public RequiresEasternTimeZoneFactAttribute()
    {
        if (Find() is null) Skip = "no America/New_York time zone on this machine (no tzdata): the rule's fixed-date tests still cover it";
    }

    public static TimeZoneInfo? Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("America/New_York"); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }
}
