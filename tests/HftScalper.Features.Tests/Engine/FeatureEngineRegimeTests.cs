using HftScalper.Features.Engine;
using HftScalper.Features.Regime;

namespace HftScalper.Features.Tests.Engine;

public sealed class FeatureEngineRegimeTests
{
    [Fact]
    public void Garch_vol_and_clustering_follow_the_recursions_on_one_second_returns()
    {
        var garch = new GarchParameters(0.5, 0.1, 0.85);
        var engine = new FeatureEngine(Ev.Registry(), new FeatureEngineOptions { Garch = garch });
        var row = new float[engine.Width];
        var rng = new Random(9);
        var mids = new List<double>();
        long bid = 5_000_000;
        for (int k = 0; k < 120; k++)
        {
            bid += rng.Next(-400, 401) * (k % 20 < 5 ? 4 : 1);
            engine.OnEvent(Ev.Quote(Ev.T0 + k * Ev.Sec + Ev.Sec / 2, bid, 3, bid + 2, 3), null, row);
            mids.Add(bid + 1.0);
        }

        // Returns of seconds 1..N-2 are closed by the time the last event is folded.
        var r = Enumerable.Range(1, mids.Count - 2).Select(j => Math.Log(mids[j] / mids[j - 1]) * 1e4).ToArray();
        double s2 = garch.LongRunVariance;
        foreach (double x in r) s2 = garch.Omega + garch.Alpha * x * x + garch.Beta * s2;
        Ev.Close(Math.Sqrt(s2), Ev.Col(engine, row, "garch_vol"));
        Ev.Close(Math.Sqrt(s2 / garch.LongRunVariance), Ev.Col(engine, row, "garch_vol_ratio"));

        var sq = r.Select(x => x * x).ToArray();
        var pairs = sq.Select((x, i) => (x, y: i == 0 ? 0 : sq[i - 1])).ToArray();
        double mx = pairs.Average(p => p.x), my = pairs.Average(p => p.y);
        double cov = pairs.Average(p => p.x * p.y) - mx * my;
        double corr = cov / Math.Sqrt((pairs.Average(p => p.x * p.x) - mx * mx) * (pairs.Average(p => p.y * p.y) - my * my));
        Ev.Close(corr, Ev.Col(engine, row, "arch_clustering"), 1e-4); // < 300 returns: running means
        Assert.Equal(1f, Ev.Col(engine, row, "regime_valid"));
    }

    [Fact]
    public void Time_of_day_columns_are_sin_and_cos_of_the_day_angle_bit_for_bit()
    {
        // The row computes both with one sincos call; training rows and the served model's splits were made with
        // separate sin and cos, so the two must agree to the bit on every time, not within a tolerance.
        const long day = 86_400 * Ev.Sec;
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        var rng = new Random(18);
        long t = Ev.T0;
        for (int k = 0; k < 20_000; k++)
        {
            t += 1 + (long)(rng.NextDouble() * (day / 4_000)); // about five days, ns-resolution steps
            long bid = 5_000_000 + k % 2; // a new touch each event: each event writes a row
            Assert.True(engine.OnEvent(Ev.Quote(t, bid, 3, bid + 2, 3), null, row));
            double angle = 2 * Math.PI * (t % day) / day;

            Assert.Equal(BitConverter.SingleToInt32Bits((float)Math.Sin(angle)), BitConverter.SingleToInt32Bits(Ev.Col(engine, row, "tod_sin")));
            Assert.Equal(BitConverter.SingleToInt32Bits((float)Math.Cos(angle)), BitConverter.SingleToInt32Bits(Ev.Col(engine, row, "tod_cos")));
        }
    }

    [Fact]
    public void Regime_label_turns_volatile_after_large_returns()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        long bid = 5_000_000;
        for (int k = 0; k < 60; k++)
        {
            bid += k % 2 == 0 ? 5_000 : -5_000; // +-100 bps each second against a 1 bps long-run vol
            engine.OnEvent(Ev.Quote(Ev.T0 + k * Ev.Sec + 1, bid, 3, bid + 2, 3), null, row);
        }

        Assert.Equal(2f, Ev.Col(engine, row, "regime_label"));
        Assert.True(Ev.Col(engine, row, "garch_vol_ratio") > 1.5f);
    }

    [Fact]
    public void Seasonality_fit_gives_events_per_second_per_utc_hour()
    {
        var times = new List<long>();
        for (long s = 0; s < 3600; s++) times.Add(Ev.T0 + s * Ev.Sec);          // hour 0: 1 event/s
        for (long s = 0; s < 3600; s++)
            for (int k = 0; k < 3; k++) times.Add(Ev.T0 + 3600 * Ev.Sec + s * Ev.Sec + k); // hour 1: 3 events/s

        var rates = SeasonalityProfile.Fit(times.ToArray());

        Assert.Equal(1.0, rates[0], 3);
        Assert.Equal(3.0, rates[1], 2);
        double overall = times.Count / ((times[^1] - times[0]) * 1e-9);
        Assert.Equal(overall, rates[12], 9);
    }

    [Fact]
    public void Seasonal_activity_is_relative_to_the_baseline_of_the_hour()
    {
        var baseline = Enumerable.Repeat(10.0, 24).ToArray();
        var engine = new FeatureEngine(Ev.Registry(), new FeatureEngineOptions { HourlyActivityBaseline = baseline });
        var row = new float[engine.Width];
        for (int i = 0; i < 3000; i++) engine.OnEvent(Ev.Quote(Ev.T0 + i * 100_000_000L, 1000 + i % 2, 1, 1003, 1), null, row);

        // 10 events/s for 300 s against a 60 s window: the decayed rate is ~10/s, i.e. ~0 relative to the baseline.
        Assert.InRange(Ev.Col(engine, row, "activity_seasonal_log"), -0.05f, 0.05f);
    }
}
