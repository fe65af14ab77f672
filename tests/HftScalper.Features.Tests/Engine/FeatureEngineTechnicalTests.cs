using HftScalper.Features.Engine;
using HftScalper.Features.Technical;

namespace HftScalper.Features.Tests.Engine;

public sealed class FeatureEngineTechnicalTests
{
    [Fact]
    public void Rsi_of_one_minute_bars_matches_a_textbook_wilder_reference()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        var rng = new Random(3);
        long bid = 6_000_000;
        var lastMidOfMinute = new SortedDictionary<long, double>();
        for (long t = 0; t < 20 * 60 * Ev.Sec; t += 10 * Ev.Sec)
        {
            bid += rng.Next(-30, 31);
            engine.OnEvent(Ev.Quote(Ev.T0 + t, bid, 1 + rng.Next(5), bid + 2, 1 + rng.Next(5)), null, row);
            lastMidOfMinute[t / (60 * Ev.Sec)] = bid + 1.0;
        }
        engine.OnEvent(Ev.Quote(Ev.T0 + 20 * 60 * Ev.Sec, bid, 9, bid + 2, 9), null, row); // closes minute 19

        var closes = lastMidOfMinute.Values.ToArray();
        var changes = closes.Zip(closes.Skip(1), (a, b) => b - a).ToArray();
        double gain = changes.Take(14).Sum(c => Math.Max(c, 0)) / 14, loss = changes.Take(14).Sum(c => Math.Max(-c, 0)) / 14;
        foreach (double c in changes.Skip(14))
        {
            gain = (gain * 13 + Math.Max(c, 0)) / 14;
            loss = (loss * 13 + Math.Max(-c, 0)) / 14;
        }
        Ev.Close(100 - 100 / (1 + gain / loss), Ev.Col(engine, row, "rsi_1m"));
        Assert.Equal(1f, Ev.Col(engine, row, "rsi_valid_1m"));
        Assert.Equal(0f, Ev.Col(engine, row, "rsi_valid_5m"));
        Assert.Equal(50f, Ev.Col(engine, row, "rsi_5m")); // neutral during warm-up
    }

    [Fact]
    public void Ema_and_vwap_deviations_match_decayed_references()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        var quotes = new List<(long t, double mid)>();
        var trades = new List<(long t, double p, double q)>();
        var rng = new Random(11);
        long bid = 100_000;
        for (int i = 0; i < 200; i++)
        {
            long t = i * 700_000_000L;
            bid += rng.Next(-3, 5);
            engine.OnEvent(Ev.Quote(Ev.T0 + t, bid, 1 + i, bid + 2, 1), null, row);
            quotes.Add((t, bid + 1.0));
            long px = bid + rng.Next(0, 3), q = rng.Next(1, 100);
            engine.OnEvent(Ev.Trade(Ev.T0 + t, px, q, rng.Next(2) == 0), null, row);
            trades.Add((t, px, q));
        }

        long now = quotes[^1].t;
        double mid = quotes[^1].mid, tau = 60e9;
        double ema = quotes.Sum(x => x.mid * Math.Exp(-(now - x.t) / tau)) / quotes.Sum(x => Math.Exp(-(now - x.t) / tau));
        double vwap = trades.Sum(x => x.p * x.q * Math.Exp(-(now - x.t) / tau)) / trades.Sum(x => x.q * Math.Exp(-(now - x.t) / tau));
        Ev.Close((mid / ema - 1) * 1e4, Ev.Col(engine, row, "ema_dev_1m_bps"), 1e-4);
        Ev.Close((mid / vwap - 1) * 1e4, Ev.Col(engine, row, "vwap_dev_1m_bps"), 1e-4);
        Assert.Equal(1f, Ev.Col(engine, row, "alignment_score")); // drifting up: every timeframe above its EMA
    }

    [Fact]
    public void Volume_profile_point_of_control_is_the_bucket_with_most_decayed_volume()
    {
        var profile = new VolumeProfile(tauSeconds: 30);
        var rng = new Random(5);
        var trades = new List<(long t, long p, double q)>();
        for (int i = 0; i < 500; i++)
        {
            long t = i * 200_000_000L, p = 1_000_000 + rng.Next(-800, 800);
            double q = rng.Next(1, 20);
            profile.Add(p, q, t, bucketBps: 2);
            trades.Add((t, p, q));
        }

        // Buckets of 2 bps of the first trade's price p0: key floor(p / p0 * 5000), width p0 / 5000 (~200 units).
        long p0 = trades[0].p, now = trades[^1].t;
        Assert.Equal(p0 / 5000.0, profile.BucketWidth, 9);
        var best = trades.GroupBy(x => (long)Math.Floor((double)x.p / p0 * 5000))
            .Select(g => (key: g.Key, v: g.Sum(x => x.q * Math.Exp(-(now - x.t) / 30e9))))
            .OrderByDescending(x => x.v).ThenBy(x => x.key).First();
        Assert.True(profile.TryGetPointOfControl(1_000_000, out double poc));
        Assert.Equal((best.key + 0.5) / 5000 * p0, poc);
    }

    [Fact]
    public void Volume_profile_survives_rescaling_over_long_gaps()
    {
        var profile = new VolumeProfile(tauSeconds: 1);
        profile.Add(1000, 5, 0, 10);
        profile.Add(1010, 1, 100 * Ev.Sec, 10); // e^100 would overflow a scaled sum without the rescale
        profile.Add(1000, 1, 101 * Ev.Sec, 10);

        Assert.True(profile.TryGetPointOfControl(1005, out double poc));
        Assert.Equal(1000 + 0.5, poc); // width 1 unit; the latest unit outweighs the one a second older
    }

    [Fact]
    public void Volume_profile_point_of_control_asked_again_between_trades_follows_every_trade_and_bucket()
    {
        // The answer is kept between trades for one bucket: every trade and every move to another bucket must refresh
        // it. Witness: a fresh profile fed the same trades, whose first question is always a scan.
        var profile = new VolumeProfile(tauSeconds: 30);
        var trades = new List<(long p, double q, long t)>();
        var rng = new Random(8);
        for (int i = 0; i < 2000; i++)
        {
            if (rng.Next(2) == 0)
            {
                // Three buckets ~2 bps apart compete, so the point of control moves from trade to trade.
                var trade = (1_000_000 + 200 * rng.Next(-1, 2), (double)rng.Next(1, 20), i * 50_000_000L);
                profile.Add(trade.Item1, trade.Item2, trade.Item3, bucketBps: 2);
                trades.Add(trade);
            }
            // The mid stays in one bucket for stretches (as between trades), then moves.
            double mid = 1_000_000 + (i / 50 % 2 == 0 ? 0 : rng.Next(-3000, 3000));
            var fresh = new VolumeProfile(tauSeconds: 30);
            foreach (var (p, q, t) in trades) fresh.Add(p, q, t, bucketBps: 2);
            bool expected = fresh.TryGetPointOfControl(mid, out double expectedPoc);
            for (int ask = 0; ask < 2; ask++)
            {
                Assert.Equal(expected, profile.TryGetPointOfControl(mid, out double poc));
                Assert.Equal(expectedPoc, poc);
            }
        }
    }
}
