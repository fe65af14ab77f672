using HftScalper.Engine.Outcomes;


namespace HftScalper.Engine.Tests.Outcomes;

public sealed class DirectionResolverTests
{
    private const long S = 1_000_000_000;

    private sealed class Labels
    {
        public readonly List<(int Horizon, long Tag, int Class, double Move)> Items = [];
    }

    private struct ListSink(Labels labels) : IDirectionSink
    {
        public readonly void OnLabel(int horizonIndex, in PendingDecision decision, int realisedClass, double moveTicks) =>
            labels.Items.Add((horizonIndex, decision.Tag, realisedClass, moveTicks));
    }

    private static void Decide(DirectionResolver r, ref ListSink sink, long t, double mid, long tag)
    {
        r.Observe(t, mid, ref sink);
        Assert.True(r.Enqueue(new PendingDecision { TimeNs = t, MidTicks = mid, PDown = 0.2f, PFlat = 0.5f, PUp = 0.3f, Tag = tag }));
    }

    [Fact]
    public void Labels_each_horizon_with_the_last_mid_at_or_before_its_end()
    {
        var labels = new Labels();
        var sink = new ListSink(labels);
        var r = new DirectionResolver([5 * S, 10 * S], thresholdTicks: 0.5);

        Decide(r, ref sink, 0, 100, tag: 0);       // A
        Decide(r, ref sink, 2 * S, 100.5, tag: 1); // B
        r.Observe(4 * S, 101, ref sink);
        Decide(r, ref sink, 6 * S, 99, tag: 2);    // C
        r.Observe(7 * S, 100.5, ref sink);
        r.Observe(11 * S, 98, ref sink);
        r.Observe(13 * S, 99, ref sink);
        Assert.Equal(1, r.Unresolved(1));          // C at 10 s needs a mid after 16 s
        r.Observe(20 * S, 101, ref sink);

        var h5 = labels.Items.Where(l => l.Horizon == 0).OrderBy(l => l.Tag).ToArray();
        var h10 = labels.Items.Where(l => l.Horizon == 1).OrderBy(l => l.Tag).ToArray();
        // 5 s: A 100 -> 101 (t=4) up; B 100.5 -> 100.5 (t=7) flat; C 99 -> 98 (t=11) down.
        Assert.Equal([(0, 0L, DirectionClass.Up, 1.0), (0, 1L, DirectionClass.Flat, 0.0), (0, 2L, DirectionClass.Down, -1.0)], h5);
        // 10 s: A 100 -> 100.5 (t=7) is not MORE than 0.5: flat; B 100.5 -> 98 (t=11) down; C 99 -> 99 (t=13) flat.
        Assert.Equal([(1, 0L, DirectionClass.Flat, 0.5), (1, 1L, DirectionClass.Down, -2.5), (1, 2L, DirectionClass.Flat, 0.0)], h10);
        Assert.Equal(0, r.Unresolved(0));
        Assert.Equal(0, r.Unresolved(1));
    }

    [Fact]
    public void A_mid_exactly_at_the_horizon_counts_and_the_label_waits_for_a_later_one()
    {
        var labels = new Labels();
        var sink = new ListSink(labels);
        var r = new DirectionResolver([5 * S], thresholdTicks: 0);

        Decide(r, ref sink, 0, 100, tag: 7);
        r.Observe(5 * S, 101, ref sink);
        Assert.Empty(labels.Items);
        r.Observe(5 * S + 1, 90, ref sink);

        Assert.Equal([(0, 7L, DirectionClass.Up, 1.0)], labels.Items);
    }

    [Fact]
    public void A_longer_horizon_resolves_even_when_the_shorter_one_waits()
    {
        var labels = new Labels();
        var sink = new ListSink(labels);
        var r = new DirectionResolver([5 * S, 30 * S], thresholdTicks: 0.5);

        Decide(r, ref sink, 0, 100, tag: 0);
        r.Observe(6 * S, 100, ref sink);        // A resolved at 5 s
        Decide(r, ref sink, 29 * S, 103, tag: 1);
        r.Observe(31 * S, 110, ref sink);       // A due at 30 s (mid then 103); B at 5 s not yet

        Assert.Contains((1, 0L, DirectionClass.Up, 3.0), labels.Items);
        Assert.DoesNotContain(labels.Items, l => l.Tag == 1);
    }

    [Fact]
    public void A_full_ring_drops_new_decisions_and_counts_them()
    {
        var labels = new Labels();
        var sink = new ListSink(labels);
        var r = new DirectionResolver([5 * S], thresholdTicks: 0.5, capacity: 2);

        Decide(r, ref sink, 0, 100, tag: 0);
        Decide(r, ref sink, 1, 100, tag: 1);
        r.Observe(2, 100, ref sink);
        bool accepted = r.Enqueue(new PendingDecision { TimeNs = 2, MidTicks = 100, Tag = 2 });

        Assert.False(accepted);
        Assert.Equal(1, r.Dropped);
        Assert.Equal(2, r.Enqueued);
    }

    [Fact]
    public void Horizons_must_ascend()
    {
        Assert.Throws<ArgumentException>(() => new DirectionResolver([10 * S, 5 * S], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DirectionResolver([5 * S], -1));
    }
}
