using HftScalper.Features.Bars;

namespace HftScalper.Features.Tests;

public sealed class TimeBarBuilderTests
{
    private const long Minute = 60_000_000_000L;

    [Fact]
    public void Closes_a_bar_on_the_first_update_of_the_next_period()
    {
        var b = new TimeBarBuilder(Minute);
        Assert.False(b.Update(10 * Minute + 5, 100, 1, out _));
        Assert.False(b.Update(10 * Minute + 7, 105, 2, out _));
        Assert.False(b.Update(11 * Minute - 1, 95, 0, out _));
        Assert.True(b.Update(11 * Minute, 101, 3, out var bar));
        Assert.Equal(10 * Minute, bar.StartNs);
        Assert.Equal((100.0, 105.0, 95.0, 95.0), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal(3, bar.Volume);
        Assert.Equal(100 * 1 + 105 * 2, bar.Turnover);
        Assert.Equal(3, bar.Updates);
        Assert.Equal(11 * Minute, b.Current.StartNs);
        Assert.Equal(101, b.Current.Open);
    }

    [Fact]
    public void Skips_empty_periods_and_folds_late_updates_into_the_open_bar()
    {
        var b = new TimeBarBuilder(Minute);
        b.Update(0, 100, 0, out _);
        Assert.True(b.Update(5 * Minute + 1, 110, 0, out var bar));
        Assert.Equal(0, bar.StartNs);
        Assert.False(b.Update(4 * Minute, 90, 0, out _));
        Assert.Equal(5 * Minute, b.Current.StartNs);
        Assert.Equal(90, b.Current.Low);
    }
}
