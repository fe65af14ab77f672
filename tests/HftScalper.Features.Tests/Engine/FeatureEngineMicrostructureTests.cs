using HftScalper.Core.Events;
using HftScalper.Features.Engine;
using HftScalper.Native;

namespace HftScalper.Features.Tests.Engine;

public sealed class FeatureEngineMicrostructureTests
{
    [Fact]
    public void Quote_gives_spread_and_microprice_in_bps_and_level1_imbalance()
    {
        var engine = new FeatureEngine(Ev.Registry(tickSize: 10));
        var row = new float[engine.Width];

        Assert.True(engine.OnEvent(Ev.Quote(Ev.T0, 600_000, 300, 600_030, 100), null, row));

        double mid = 600_015, micro = (600_000.0 * 100 + 600_030.0 * 300) / 400;
        Assert.Equal((float)((micro - mid) / mid * 1e4), Ev.Col(engine, row, "microprice_minus_mid_bps"));
        Assert.Equal(0.5f, Ev.Col(engine, row, "imbalance_1"));
        Assert.Equal((float)(30 / mid * 1e4), Ev.Col(engine, row, "spread_bps"));
        Assert.Equal(1f, Ev.Col(engine, row, "spread_rel")); // the only spread seen is the usual one
        Assert.Equal(0f, Ev.Col(engine, row, "spread_cv"));
        Assert.Equal(0f, Ev.Col(engine, row, "book_valid"));
    }

    [Fact]
    public void Spread_relative_to_its_mean_doubles_when_the_spread_doubles_whatever_the_tick()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        for (int i = 0; i < 200; i++) engine.OnEvent(Ev.Quote(Ev.T0 + i * Ev.Sec / 10, 1_000_000, 1, 1_000_100 + 100 * (i % 2), 1), null, row);

        Assert.True(engine.OnEvent(Ev.Quote(Ev.T0 + 20 * Ev.Sec, 1_000_000, 1, 1_000_300, 1), null, row));

        // Spreads alternate 100 and 200 units (mean ~150): 300 is ~2x the usual; the registry knows no tick.
        Assert.InRange(Ev.Col(engine, row, "spread_rel"), 1.9f, 2.1f);
        Assert.InRange(Ev.Col(engine, row, "spread_cv"), 0.3f, 0.4f); // sd ~50 / mean ~150
    }

    [Fact]
    public void Rows_do_not_depend_on_the_registrys_tick_size()
    {
        var known = new FeatureEngine(Ev.Registry(tickSize: 100));
        var unknown = new FeatureEngine(Ev.Registry());
        var a = new float[known.Width];
        var b = new float[unknown.Width];
        for (int i = 0; i < 50; i++)
        {
            var e = Ev.Quote(Ev.T0 + i * Ev.Sec / 4, 1_000_000 + 100 * (i % 3), 1 + i, 1_000_200 + 100 * (i % 5), 7);
            Assert.Equal(known.OnEvent(in e, null, a), unknown.OnEvent(in e, null, b));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Depth_message_on_a_synced_book_gives_depth_imbalance_impact_and_validity()
    {
        var engine = new FeatureEngine(Ev.Registry(tickSize: 1), new FeatureEngineOptions { ImpactDepthSmall = 0.5, ImpactDepthLarge = 10 });
        var row = new float[engine.Width];
        using var book = new NativeOrderBook(64);
        var events = new List<MarketEvent>();
        for (int i = 0; i < 8; i++)
        {
            events.Add(Ev.Level(Ev.T0, Side.Bid, 10_000 - i, 10 + i, false));
            events.Add(Ev.Level(Ev.T0, Side.Ask, 10_001 + i, 5 + 2 * i, i == 7));
        }
        bool decided = false;
        foreach (var e in events)
        {
            book.ApplyEvent(in e);
            decided = engine.OnEvent(in e, book, row);
        }

        Assert.True(decided);
        Assert.Equal(1f, Ev.Col(engine, row, "book_valid"));
        double b5 = Enumerable.Range(0, 5).Sum(i => 10 + i), a5 = Enumerable.Range(0, 5).Sum(i => 5 + 2 * i);
        Ev.Close(((b5 - a5) / (b5 + a5)), Ev.Col(engine, row, "imbalance_5"));
        // The first message: the usual depth is its own top-5 depth per side; buy half of it, walking the asks by hand.
        double quantity = 0.5 * (b5 + a5) / 2, filledN = 0, filledQ = 0, mid = 10_000.5;
        for (int i = 0; i < 8 && quantity > 0; i++)
        {
            double p = 10_001 + i, take = Math.Min(5 + 2 * i, quantity);
            filledN += take * p; filledQ += take; quantity -= take;
        }
        Ev.Close((filledN / filledQ - 10_001) / mid * 1e4, Ev.Col(engine, row, "impact_buy_small_bps"));
        Assert.Equal(1f, Ev.Col(engine, row, "impact_partial")); // ten times the depth exceeds the book
        // Slopes: depth of the 8 levels over the distance of the last from the mid, bid over ask.
        double bidSlope = Enumerable.Range(0, 8).Sum(i => 10 + i) / (mid - 9_993), askSlope = Enumerable.Range(0, 8).Sum(i => 5 + 2 * i) / (10_008 - mid);
        Ev.Close(Math.Log(bidSlope / askSlope), Ev.Col(engine, row, "book_slope_log_ratio"));
    }

    [Fact]
    public void Book_columns_are_neutral_and_flagged_when_the_book_is_not_synced()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];

        Assert.True(engine.OnEvent(Ev.Level(Ev.T0, Side.Bid, 100, 5, last: true), null, row));

        Assert.Equal(0f, Ev.Col(engine, row, "book_valid"));
        Assert.Equal(0f, Ev.Col(engine, row, "imbalance_5"));
        Assert.Equal(0f, Ev.Col(engine, row, "impact_buy_small_bps"));
        Assert.All(row, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Trade_imbalance_and_rate_decay_in_exchange_time_like_the_reference()
    {
        var o = new FeatureEngineOptions();
        var engine = new FeatureEngine(Ev.Registry(), o);
        var row = new float[engine.Width];
        var trades = new[] { (t: 0L, q: 4L, buy: true), (t: 2 * Ev.Sec, q: 1L, buy: false), (t: 3 * Ev.Sec + 500_000_000, q: 2L, buy: false) };
        foreach (var (t, q, buy) in trades) engine.OnEvent(Ev.Trade(Ev.T0 + t, 100, q, buy), null, row);

        long now = trades[^1].t;
        double Decayed(double w, bool buy) => trades.Where(x => x.buy == buy).Sum(x => x.q * Math.Exp(-(now - x.t) / (w * 1e9)));
        double bf = Decayed(o.TradeFastSeconds, true), sf = Decayed(o.TradeFastSeconds, false);
        Ev.Close(((bf - sf) / (bf + sf)), Ev.Col(engine, row, "trade_imbalance_fast"));
        double n = trades.Sum(x => Math.Exp(-(now - x.t) / (o.TradeFastSeconds * 1e9)));
        Ev.Close((n / o.TradeFastSeconds), Ev.Col(engine, row, "trade_rate_fast"));
        Assert.Equal(-2f, Ev.Col(engine, row, "trade_sign_run"));
        Assert.Equal(1f, Ev.Col(engine, row, "trade_valid"));
    }

    [Fact]
    public void A_trade_of_unknown_side_counts_toward_the_rate_but_signs_no_flow()
    {
        var o = new FeatureEngineOptions();
        var engine = new FeatureEngine(Ev.Registry(), o);
        var row = new float[engine.Width];
        engine.OnEvent(Ev.Trade(Ev.T0, 100, 3, buy: true), null, row);
        var unknown = Ev.Trade(Ev.T0 + Ev.Sec, 100, 5, buy: true);
        unknown.Side = Side.None;
        unknown.Flags = MarketEventFlags.None;
        engine.OnEvent(unknown, null, row);

        // Only the buy is signed volume, so the imbalance stays +1 and the run +1 (a side-less trade was read as a
        // sell: imbalance (3e^-x - 5) / (3e^-x + 5) < 0 and run -1); both trades count toward the rate.
        Ev.Close(1.0, Ev.Col(engine, row, "trade_imbalance_fast"));
        Assert.Equal(1f, Ev.Col(engine, row, "trade_sign_run"));
        Ev.Close((Math.Exp(-1 / o.TradeFastSeconds) + 1) / o.TradeFastSeconds, Ev.Col(engine, row, "trade_rate_fast"));
    }

    [Fact]
    public void Realized_vol_and_tick_runs_follow_the_mid()
    {
        var o = new FeatureEngineOptions();
        var engine = new FeatureEngine(Ev.Registry(), o);
        var row = new float[engine.Width];
        long[] bids = [1000, 1001, 1002, 1003, 1001];
        var mids = new List<(long t, double mid)>();
        for (int i = 0; i < bids.Length; i++)
        {
            long t = i * Ev.Sec / 2;
            engine.OnEvent(Ev.Quote(Ev.T0 + t, bids[i], 1, bids[i] + 2, 1), null, row);
            mids.Add((t, bids[i] + 1.0));
        }

        long now = mids[^1].t;
        double sum = 0;
        for (int i = 1; i < mids.Count; i++)
        {
            double r = Math.Log(mids[i].mid / mids[i - 1].mid) * 1e4;
            sum += r * r * Math.Exp(-(now - mids[i].t) / (o.VolFastSeconds * 1e9));
        }
        Ev.Close(Math.Sqrt(sum / o.VolFastSeconds), Ev.Col(engine, row, "realized_vol_fast"));
        Assert.Equal(-1f, Ev.Col(engine, row, "tick_direction"));
        Assert.Equal(-1f, Ev.Col(engine, row, "tick_run"));
        Assert.Equal(3600f, Ev.Col(engine, row, "time_since_trade_s")); // the cap, before any trade
    }

    [Fact]
    public void Ofi_columns_are_the_decayed_sum_of_the_native_per_message_ofi_over_the_decayed_mean_depth()
    {
        var o = new FeatureEngineOptions();
        var engine = new FeatureEngine(Ev.Registry(), o);
        var row = new float[engine.Width];
        using var book = new NativeOrderBook(64);
        using var twin = new NativeOrderBook(64);
        var rng = new Random(7);
        var flows = new List<(long t, double ofi)>();
        var depths = new List<(long t, double depth)>();
        for (int m = 0; m < 40; m++)
        {
            long t = m * 300_000_000L;
            var msg = new List<MarketEvent>();
            for (int i = 0; i < 5; i++) msg.Add(Ev.Level(Ev.T0 + t, Side.Bid, 1000 - i, rng.Next(1, 50), false));
            for (int i = 0; i < 5; i++) msg.Add(Ev.Level(Ev.T0 + t, Side.Ask, 1001 + i, rng.Next(1, 50), i == 4));
            foreach (var e in msg) { book.ApplyEvent(in e); twin.ApplyEvent(in e); engine.OnEvent(in e, book, row); }
            depths.Add((t, msg.Sum(e => (double)e.Quantity) / 2)); // the message rewrites the whole top 5 of each side
            twin.ComputeFigures(new BookFigureParameters(0, 10), out var f);
            if ((f.Flags & BookFigureFlags.OfiValid) != 0) flows.Add((t, f.OfiTotal));
        }

        long now = flows[^1].t;
        double Decay(long t, double w) => Math.Exp(-(now - t) / (w * 1e9));
        double depth = depths.Sum(x => x.depth * Decay(x.t, o.OfiMidSeconds)) / depths.Sum(x => Decay(x.t, o.OfiMidSeconds));
        double Ref(double w) => flows.Sum(x => x.ofi * Decay(x.t, w)) / depth;
        Ev.Close(Ref(o.OfiFastSeconds), Ev.Col(engine, row, "ofi_norm_fast"));
        Ev.Close(Ref(o.OfiMidSeconds), Ev.Col(engine, row, "ofi_norm_mid"));
        Ev.Close(Ref(o.OfiSlowSeconds), Ev.Col(engine, row, "ofi_norm_slow"));
    }
}
