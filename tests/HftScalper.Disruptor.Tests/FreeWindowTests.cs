using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor.Tests;

/// <summary>
/// <see cref="RingBuffer{T}.FreeWindow"/>: the slots after the last claim that the gating consumers have released, for a
/// producer that writes a message in place before it claims it. It stops at the ring's end, claims nothing, and the
/// claim that follows lands on its slots.
/// </summary>
public sealed class FreeWindowTests
{
    [Fact]
    public void Starts_after_the_last_claim_and_stops_at_the_rings_end()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var gate = new Sequence();
        ring.AddGatingSequences(gate);
        ring.Publish(ring.Next(5)); // slots 0..4

        var window = ring.FreeWindow(8);

        Assert.Equal(3, window.Count); // 5, 6, 7: the ring's end
        Assert.True(Unsafe.AreSame(ref window.AsSpan()[0], ref ring[5]));
        Assert.Equal(4, ring.Cursor.Value); // nothing claimed
        Assert.True(Unsafe.AreSame(ref window.AsSpan()[0], ref ring[ring.Next(2) - 1])); // the claim lands on the window
    }

    [Fact]
    public void Holds_only_slots_every_gating_consumer_has_released()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var gate = new Sequence(); // -1: the consumer has released nothing
        ring.AddGatingSequences(gate);
        ring.Publish(ring.Next(8)); // the ring is full

        Assert.Equal(0, ring.FreeWindow(8).Count);

        gate.SetValue(2); // slots 0..2 released
        var window = ring.FreeWindow(8);

        Assert.Equal(3, window.Count);
        Assert.True(Unsafe.AreSame(ref window.AsSpan()[0], ref ring[8]));
        Assert.True(ring.TryNext(3, out _));
        Assert.False(ring.TryNext(1, out _));
    }

    [Fact]
    public void Never_exceeds_what_is_asked_and_is_empty_for_a_multi_producer_ring()
    {
        var single = new RingBuffer<TestEvent>(16);
        single.AddGatingSequences(new Sequence());
        var multi = new RingBuffer<TestEvent>(16, ProducerType.Multi);
        multi.AddGatingSequences(new Sequence());

        Assert.Equal(4, single.FreeWindow(4).Count);
        Assert.Equal(0, single.FreeWindow(0).Count);
        Assert.Equal(0, multi.FreeWindow(4).Count);
    }
}
