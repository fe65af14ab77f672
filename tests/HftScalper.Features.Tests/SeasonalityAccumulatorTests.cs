using HftScalper.Features.Regime;

namespace HftScalper.Features.Tests;

public sealed class SeasonalityAccumulatorTests
{
    private const long Sec = 1_000_000_000, Hour = 3600 * Sec;
    private const long Day = 1_723_161_600_000_000_000; // 2024-08-09 00:00 UTC

    [Fact]
    public void Fit_matches_a_hand_computed_profile()
    {
        // 10:30-11:00 at 2 events/s, 11:00-12:00 at 5 events/s, 12:00-12:15 at 1 event/s (first event 10:30:00,
        // last 12:14:59). By hand: hour 10 = 3600 events / 1800 s = 2; hour 11 = 18000 / 3600 = 5;
        // hour 12 = 900 events / 899 s (the history ends at the last event); other hours = 22500 / 6299 s overall.
        var acc = new SeasonalityAccumulator();
        var times = new List<long>();
        void Add(long t) { acc.Add(t); times.Add(t); }
        for (long s = 0; s < 1800; s++) for (int k = 0; k < 2; k++) Add(Day + 10 * Hour + Hour / 2 + s * Sec + k * (Sec / 2));
        for (long s = 0; s < 3600; s++) for (int k = 0; k < 5; k++) Add(Day + 11 * Hour + s * Sec + k * (Sec / 5));
        for (long s = 0; s < 900; s++) Add(Day + 12 * Hour + s * Sec);

        var rates = acc.Fit();

        Assert.Equal(2.0, rates[10], 12);
        Assert.Equal(5.0, rates[11], 12);
        Assert.Equal(900 / 899.0, rates[12], 12);
        Assert.Equal(22500 / 6299.0, rates[3], 12);
        Assert.Equal(SeasonalityProfile.Fit(times.ToArray()), rates);
    }

    [Fact]
    public void Runs_of_one_second_give_the_fit_of_the_single_events()
    {
        var rng = new Random(3);
        var times = new List<long>();
        long t = Day + 5 * Hour;
        for (int i = 0; i < 20_000; i++) times.Add(t += rng.Next(1, 2_000) * 1_000_000L);
        var runs = new SeasonalityAccumulator();
        foreach (var g in times.GroupBy(x => x / Sec)) runs.AddRun(g.Min(), g.Max(), g.Count());

        Assert.Equal(SeasonalityProfile.Fit(times.ToArray()), runs.Fit());
        Assert.Throws<ArgumentException>(() => runs.AddRun(Day + Hour - 1, Day + Hour, 2));
    }

    [Fact]
    public void Too_short_a_history_cannot_be_fitted()
    {
        var acc = new SeasonalityAccumulator();
        acc.Add(Day);
        acc.Add(Day + Sec / 2);
        Assert.False(acc.CanFit);
        Assert.Throws<InvalidOperationException>(() => acc.Fit());
    }
}
