using HftScalper.Core.Events;
using HftScalper.Features.Engine;
using HftScalper.Native;
using HftScalper.Tests.Shared;

namespace HftScalper.Features.Tests.Engine;

public sealed class FeatureEngineBehaviourTests
{
    [Fact]
    public void Default_schema_has_the_names_signals_and_risk_rely_on()
    {
        string[] required = ["spread_bps", "microprice_minus_mid_bps", "imbalance_1", "ofi_norm_fast", "ofi_norm_slow",
            "realized_vol_fast", "garch_vol", "regime_label", "trade_imbalance_fast"];

        var schema = FeatureEngine.DefaultSchema;

        Assert.All(required, n => Assert.True(schema.IndexOf(n) >= 0, n));
        Assert.Equal(-1, schema.IndexOf("mid_ticks"));
        Assert.Equal(schema.Hash, new FeatureEngine(Ev.Registry()).Schema.Hash);
        Assert.Equal(schema.Count, new FeatureEngine(Ev.Registry()).Width);
        Assert.NotEqual(schema.Hash, new FeatureEngine(Ev.Registry(), new FeatureEngineOptions { SchemaVersion = 1 }).Schema.Hash);
    }

    [Fact]
    public void Default_schema_v2_has_no_column_in_absolute_units()
    {
        var schema = FeatureEngine.DefaultSchema;

        Assert.Equal(2, schema.Version);
        string[] absolute = ["ticks", "lots", "price", "notional", "USDT"];
        Assert.All(schema.Features, f => Assert.DoesNotContain(f.Unit, absolute));
        Assert.All(schema.Features, f => Assert.False(f.Name.EndsWith("_ticks", StringComparison.Ordinal) || f.Name.EndsWith("_lots", StringComparison.Ordinal), f.Name));
    }

    [Fact]
    public void Clock_trigger_decides_once_per_interval_of_exchange_time()
    {
        var engine = new FeatureEngine(Ev.Registry(), new FeatureEngineOptions { Triggers = DecisionTriggers.Clock, ClockIntervalNs = Ev.Sec });
        var row = new float[engine.Width];
        int decisions = 0;
        for (int i = 0; i < 50; i++)
            if (engine.OnEvent(Ev.Quote(Ev.T0 + i * 100_000_000L, 1000 + i, 1, 1002 + i, 1), null, row)) decisions++;

        Assert.Equal(5, decisions); // t = 0 (first event), 1 s, 2 s, 3 s, 4 s
    }

    [Fact]
    public void Rows_do_not_depend_on_which_events_are_sampled()
    {
        var every = new FeatureEngine(Ev.Registry(), new FeatureEngineOptions { Triggers = (DecisionTriggers)15 });
        var clock = new FeatureEngine(Ev.Registry(), new FeatureEngineOptions { Triggers = DecisionTriggers.Clock });
        float[] a = new float[every.Width], b = new float[clock.Width];
        using var bookA = new NativeOrderBook(256);
        using var bookB = new NativeOrderBook(256);
        int compared = 0;
        foreach (var e in SyntheticMarket.Events(seed: 1, minutes: 3))
        {
            bookA.ApplyEvent(in e);
            bookB.ApplyEvent(in e);
            bool da = every.OnEvent(in e, bookA, a), db = clock.OnEvent(in e, bookB, b);
            if (!db) continue;
            Assert.True(da);
            Assert.Equal(a, b);
            compared++;
        }
        Assert.True(compared >= 170);
    }

    [Fact]
    public void Same_events_give_the_same_bits_and_never_a_non_finite_value()
    {
        var events = SyntheticMarket.Events(seed: 2, minutes: 20).ToArray();
        var first = Run(events);
        var second = Run(events);

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);
        Assert.All(first, r => Assert.All(r, v => Assert.True(float.IsFinite(v))));
        Assert.Contains(first, r => r[FeatureEngine.DefaultSchema.IndexOf("rsi_valid_1m")] == 1f);
    }

    [Fact]
    public void Warmed_up_event_loop_allocates_nothing()
    {
        var events = SyntheticMarket.Events(seed: 3, minutes: 3 * (2 + SteadyStateAllocation.DefaultPasses)).ToArray();
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        using var book = new NativeOrderBook(256);
        int slice = events.Length / (2 + SteadyStateAllocation.DefaultPasses); // about three minutes each
        for (int i = 0; i < slice; i++) { book.ApplyEvent(in events[i]); engine.OnEvent(in events[i], book, row); }

        int decisions = 0; // of the last pass; each pass is the next slice of the market
        long allocated = SteadyStateAllocation.FewestBytes(pass =>
        {
            decisions = 0;
            for (int i = (1 + pass) * slice; i < (2 + pass) * slice; i++)
            {
                book.ApplyEvent(in events[i]);
                if (engine.OnEvent(in events[i], book, row)) decisions++;
            }
        });

        Assert.True(decisions > 1000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Status_event_invalidates_the_book_columns_until_the_next_depth_message()
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        using var book = new NativeOrderBook(16);
        foreach (var e in new[] { Ev.Level(Ev.T0, Side.Bid, 99, 1, false), Ev.Level(Ev.T0, Side.Ask, 101, 1, true) })
        {
            book.ApplyEvent(in e);
            engine.OnEvent(in e, book, row);
        }
        Assert.Equal(1f, Ev.Col(engine, row, "book_valid"));

        engine.OnEvent(new MarketEvent { Kind = MarketEventKind.Status, SymbolId = -1, UpdateId = (long)FeedStatus.Disconnected }, null, row);
        engine.OnEvent(Ev.Trade(Ev.T0 + 1, 100, 1, true), book, row);

        Assert.Equal(0f, Ev.Col(engine, row, "book_valid"));
    }

    private static List<float[]> Run(MarketEvent[] events)
    {
        var engine = new FeatureEngine(Ev.Registry());
        var row = new float[engine.Width];
        using var book = new NativeOrderBook(256);
        var rows = new List<float[]>();
        foreach (var e in events)
        {
            book.ApplyEvent(in e);
            if (engine.OnEvent(in e, book, row)) rows.Add((float[])row.Clone());
        }
        return rows;
    }
}
