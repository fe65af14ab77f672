using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Engine;
using HftScalper.Native;
using HftScalper.Tests.Shared;

namespace HftScalper.Features.Tests.Engine;

/// <summary>
/// The opt-in cross-symbol block: the leader's move and the rolling return correlations, on crafted two-symbol
/// sequences whose values are computed by hand; neutral values and counters when the leader is missing, unsynced or
/// warming up; the default schema untouched; deterministic interleaving; no allocation per event.
/// </summary>
public sealed class CrossSymbolFeatureTests
{
    private const int Leader = 0, Follower = 1;

    // 1 s grid, moves over 1 and 2 intervals, correlation over 4: small enough to compute by hand.
    private static readonly CrossSymbolOptions Small = new("btcusdt")
    {
        IntervalNs = Ev.Sec, FastIntervals = 1, SlowIntervals = 2, CorrelationIntervals = 4,
    };

    private static SymbolRegistry TwoSymbols()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "test", 2, 5);
        r.Register("ETHUSDT", "test", 2, 5);
        return r;
    }

    // Bid + ask (twice the mid) per second: the follower echoes the leader's move one second late.
    private static readonly long[] L = [2000, 2012, 2004, 2020, 2016, 2032, 2024, 2040];
    private static readonly long[] F = [1000, 998, 1004, 1000, 1008, 1006, 1014, 1010];

    // Second s: the leader quotes at s + 0.1 s, the follower at s + 0.6 s (spread 2 price units).
    private static List<MarketEvent> Crafted()
    {
        var events = new List<MarketEvent>();
        for (int s = 0; s < L.Length; s++)
        {
            events.Add(Ev.Quote(Ev.T0 + s * Ev.Sec + Ev.Sec / 10, L[s] / 2 - 1, 5, L[s] / 2 + 1, 5, Leader));
            events.Add(Ev.Quote(Ev.T0 + s * Ev.Sec + 6 * Ev.Sec / 10, F[s] / 2 - 1, 5, F[s] / 2 + 1, 5, Follower));
        }
        return events;
    }

    // Follower rows by second (its one decision per second).
    private static (FeatureEngine Engine, Dictionary<int, float[]> Rows) Run(IEnumerable<MarketEvent> events, CrossSymbolOptions? cross)
    {
        var engine = new FeatureEngine(TwoSymbols(), new FeatureEngineOptions { CrossSymbol = cross });
        var rows = new Dictionary<int, float[]>();
        var row = new float[engine.Width];
        foreach (var e in events)
            if (engine.OnEvent(in e, null, row) && e.SymbolId == Follower)
                rows[(int)((e.ExchangeTimeNs - Ev.T0) / Ev.Sec)] = row.ToArray();
        return (engine, rows);
    }

    private static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double Bps(long to, long from) => (to - from) * 1e4 / from;

    [Fact]
    public void Default_schema_and_hash_are_unchanged_and_the_block_extends_them_with_a_versioned_tag()
    {
        var off = new FeatureEngine(TwoSymbols());
        var on = new FeatureEngine(TwoSymbols(), new FeatureEngineOptions { CrossSymbol = new CrossSymbolOptions("BTCUSDT") });

        Assert.Equal(FeatureEngine.DefaultSchema.Hash, off.Schema.Hash);
        Assert.Null(FeatureEngine.DefaultSchema.Extension);
        Assert.DoesNotContain(FeatureEngine.DefaultSchema.Features, f => f.Name.StartsWith("xs_", StringComparison.Ordinal));
        Assert.Equal(off.Width + 5, on.Width);
        Assert.Equal("cross-symbol v1", on.Schema.Extension);
        Assert.Equal(["xs_leader_valid", "xs_leader_move_fast_bps", "xs_leader_move_slow_bps", "xs_return_corr", "xs_lead_corr"],
            on.Schema.Features.Skip(off.Width).Select(f => f.Name));
        Assert.Equal(on.Schema.Hash, FeatureEngine.SchemaFor(FeatureEngine.DefaultSchema, new CrossSymbolOptions("ETHUSDT")).Hash);
        // The block's version is in the hash: the same columns under another tag never match.
        var other = new Schema.FeatureSchema(on.Schema.Version, on.Schema.Features, "cross-symbol v2");
        Assert.NotEqual(on.Schema.Hash, other.Hash);
    }

    [Fact]
    public void Leader_moves_and_correlations_equal_the_hand_computed_values()
    {
        var (engine, rows) = Run(Crafted(), Small);

        // Second 7 (follower decides at 7.6 s): leader mid now L[7]; closes of intervals 6 and 5 are L[6], L[5].
        float[] r = rows[7];
        Assert.Equal(1, Ev.Col(engine, r, "xs_leader_valid"));
        Ev.Close(Bps(L[7], L[6]), Ev.Col(engine, r, "xs_leader_move_fast_bps"));
        Ev.Close(Bps(L[7], L[5]), Ev.Col(engine, r, "xs_leader_move_slow_bps"));
        // Correlation window: intervals 3..6 (closed), returns close(k) vs close(k-1).
        double[] fr = [.. Enumerable.Range(3, 4).Select(k => Bps(F[k], F[k - 1]))];
        double[] lr = [.. Enumerable.Range(3, 4).Select(k => Bps(L[k], L[k - 1]))];
        double[] lead = [.. Enumerable.Range(3, 4).Select(k => Bps(L[k - 1], L[k - 2]))];
        Ev.Close(Pearson(lr, fr), Ev.Col(engine, r, "xs_return_corr"));
        Ev.Close(Pearson(lead, fr), Ev.Col(engine, r, "xs_lead_corr"));
        Assert.True(Ev.Col(engine, r, "xs_lead_corr") > 0.9, "the follower echoes the leader one interval late");
        Assert.True(Ev.Col(engine, r, "xs_return_corr") < 0);

        // Second 2: moves known (closes 0 and 1 exist), only one return pair in the window: correlations 0.
        Ev.Close(Bps(L[2], L[1]), Ev.Col(engine, rows[2], "xs_leader_move_fast_bps"));
        Ev.Close(Bps(L[2], L[0]), Ev.Col(engine, rows[2], "xs_leader_move_slow_bps"));
        Assert.Equal(0, Ev.Col(engine, rows[2], "xs_return_corr"));
    }

    [Fact]
    public void Warm_up_and_the_leaders_own_rows_are_neutral_and_counted()
    {
        var (engine, rows) = Run(Crafted(), Small);

        // Seconds 0 and 1: the leader's grid does not reach back two intervals yet.
        foreach (int s in new[] { 0, 1 })
            Assert.All(rows[s][^5..], v => Assert.Equal(0, v));
        Assert.Equal(2, engine.CrossSymbolNeutralRows);
        Assert.Equal(6, engine.CrossSymbolLiveRows);
        Assert.Equal(L.Length, engine.CrossSymbolLeaderRows);
    }

    [Fact]
    public void A_missing_leader_gives_neutral_rows_and_counts_them()
    {
        var absent = new CrossSymbolOptions("SOLUSDT") { IntervalNs = Ev.Sec, FastIntervals = 1, SlowIntervals = 2, CorrelationIntervals = 4 };

        var (engine, rows) = Run(Crafted(), absent);

        Assert.All(rows.Values, r => Assert.All(r[^5..], v => Assert.Equal(0, v)));
        Assert.Equal(L.Length + F.Length, engine.CrossSymbolNeutralRows); // BTCUSDT is no leader here: its rows are neutral too
        Assert.Equal(0, engine.CrossSymbolLiveRows);
        Assert.Equal(0, engine.CrossSymbolLeaderRows);
    }

    [Fact]
    public void An_unsynced_leader_gives_neutral_rows_until_its_next_quote()
    {
        var events = Crafted();
        // The leader's feed restarts at 5.3 s (after its 5.1 s quote, before the follower's 5.6 s decision).
        int at = events.FindIndex(e => e.SymbolId == Follower && e.ExchangeTimeNs == Ev.T0 + 5 * Ev.Sec + 6 * Ev.Sec / 10);
        events.Insert(at, new MarketEvent { Kind = MarketEventKind.Status, SymbolId = Leader, ExchangeTimeNs = Ev.T0 + 5 * Ev.Sec + 3 * Ev.Sec / 10 });

        var (engine, rows) = Run(events, Small);

        Assert.All(rows[5][^5..], v => Assert.Equal(0, v));
        Assert.Equal(1, Ev.Col(engine, rows[6], "xs_leader_valid")); // the 6.1 s quote makes it live again
        Assert.Equal(3, engine.CrossSymbolNeutralRows);
    }

    [Fact]
    public void The_leaders_state_at_a_followers_event_is_its_last_event_before_it_in_stream_order()
    {
        var events = Crafted();
        // A leader quote with the same exchange time as the follower's 7.6 s decision, once before it and once after it.
        var late = Ev.Quote(Ev.T0 + 7 * Ev.Sec + 6 * Ev.Sec / 10, 1049, 5, 1051, 5, Leader);
        var before = new List<MarketEvent>(events);
        before.Insert(before.Count - 1, late);
        var after = new List<MarketEvent>(events) { late };

        var (engine, seenFirst) = Run(before, Small);
        var (_, seenAfter) = Run(after, Small);
        var (_, again) = Run(before, Small);

        Ev.Close(Bps(2100, L[6]), Ev.Col(engine, seenFirst[7], "xs_leader_move_fast_bps"));
        Ev.Close(Bps(L[7], L[6]), Ev.Col(engine, seenAfter[7], "xs_leader_move_fast_bps"));
        Assert.Equal(seenFirst.Keys, again.Keys);
        foreach (var (s, row) in seenFirst)
            Assert.Equal(row.Select(BitConverter.SingleToInt32Bits), again[s].Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Built_in_columns_do_not_change_when_the_block_is_on()
    {
        var (offEngine, off) = Run(Crafted(), null);
        var (_, on) = Run(Crafted(), Small);

        foreach (var (s, row) in off)
            Assert.Equal(row.Select(BitConverter.SingleToInt32Bits), on[s][..offEngine.Width].Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Warmed_up_event_loop_with_two_interleaved_symbols_allocates_nothing()
    {
        var a = SyntheticMarket.Events(seed: 3, minutes: 15);
        var b = SyntheticMarket.Events(seed: 4, minutes: 15).Select(e => e with { SymbolId = Follower });
        var events = a.Concat(b).OrderBy(e => e.ExchangeTimeNs).ToArray(); // stable: ties keep the leader first
        var engine = new FeatureEngine(TwoSymbols(), new FeatureEngineOptions { CrossSymbol = new CrossSymbolOptions("BTCUSDT") });
        var row = new float[engine.Width];
        using var bookA = new NativeOrderBook(256);
        using var bookB = new NativeOrderBook(256);
        // Five slices of about 3 minutes: the first warms up, each measured pass feeds the next one.
        int slice = events.Length / 5;
        int decisions = 0;
        long liveBefore = 0;
        long allocated = SteadyStateAllocation.FewestBytes(pass =>
        {
            decisions = 0;
            liveBefore = engine.CrossSymbolLiveRows;
            for (int i = pass * slice; i < (pass + 1) * slice; i++)
                if (Feed(in events[i])) decisions++;
        });

        Assert.True(decisions > 1000);
        Assert.True(engine.CrossSymbolLiveRows - liveBefore > 1000);
        Assert.Equal(0, allocated);

        bool Feed(in MarketEvent e)
        {
            var book = e.SymbolId == Leader ? bookA : bookB;
            book.ApplyEvent(in e);
            return engine.OnEvent(in e, book, row);
        }
    }
}
