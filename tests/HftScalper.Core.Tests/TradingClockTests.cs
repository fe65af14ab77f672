using HftScalper.Core.Time;

namespace HftScalper.Core.Tests;

public sealed class TradingClockTests
{
    [Fact]
    public void The_event_clock_is_the_time_of_the_event_being_handled()
    {
        Assert.Equal(1_723_075_200_000_000_123, EventTimeClock.Instance.NowNs(1_723_075_200_000_000_123));
        Assert.Equal(5, EventTimeClock.Instance.NowNs(5)); // however old: replay time is the data's time
    }

    [Fact]
    public void The_wall_clock_reads_the_system_time_whatever_the_event_and_adds_the_venue_offset()
    {
        var clock = new WallClock();
        long system = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

        long first = clock.NowNs(5);
        Assert.InRange(first - system, -1_000_000_000, 1_000_000_000);
        Assert.True(clock.NowNs(5) >= first, "monotonic");

        clock.OffsetNs = 3_600_000_000_000; // the venue is an hour ahead of us
        Assert.InRange(clock.NowNs(5) - first, 3_600_000_000_000, 3_601_000_000_000);
    }
}
