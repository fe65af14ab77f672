namespace HftScalper.Disruptor.Tests;

/// <summary>
/// A producer of a busy-spin or yielding ring that finds the ring full gives its core away after a bounded spin
/// (#18): on a shared machine the consumer it waits for may be the thread that needs that core. Before session 22 a
/// busy-spin producer pause-spun until the consumer moved and never yielded.
/// </summary>
public sealed class FullRingProducerYieldTests
{
    public static TheoryData<string, ProducerType> BackingOff()
    {
        var data = new TheoryData<string, ProducerType>();
        foreach (var name in new[] { "BusySpin", "Yielding" })
        {
            data.Add(name, ProducerType.Single);
            data.Add(name, ProducerType.Multi);
        }

        return data;
    }

    /*  producer --> [2-slot ring, full] --> a consumer stalled until the producer has yielded */
    [Theory]
    [MemberData(nameof(BackingOff))]
    public async Task A_producer_on_a_full_ring_yields_while_the_consumer_is_stalled(string strategy, ProducerType type)
    {
        var ring = new RingBuffer<TestEvent>(2, type, Create(strategy));
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        ring.Publish(ring.Next(2));
        var producer = Task.Run(() => ring.Next());

        bool yielded = SpinWait.SpinUntil(() => ring.ProducerYields > 0, TimeSpan.FromSeconds(10));
        bool waitedMeanwhile = !producer.IsCompleted;
        consumer.SetValue(0); // the consumer frees one slot
        long claimed = await producer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(yielded, "the producer never gave its core away while the ring was full");
        Assert.True(waitedMeanwhile);
        Assert.Equal(2, claimed);
    }

    [Fact]
    public async Task A_busy_spin_producer_waiting_on_the_strategy_never_yields()
    {
        // The benchmarks' baseline (the wait before session 22) stays what it says: a pause-spin only.
        var ring = new RingBuffer<TestEvent>(2, ProducerType.Single, new BusySpinWaitStrategy())
        {
            ProducerWaitsOnStrategy = true,
        };
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        ring.Publish(ring.Next(2));
        var producer = Task.Run(() => ring.Next());

        Thread.Sleep(50);
        consumer.SetValue(0);
        await producer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, ring.ProducerYields);
    }

    [Fact]
    public void A_producer_that_never_finds_the_ring_full_never_yields()
    {
        var ring = new RingBuffer<TestEvent>(8, ProducerType.Single, new BusySpinWaitStrategy());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);

        for (int i = 0; i < 100; i++)
        {
            ring.Publish(ring.Next());
            consumer.SetValue(i);
        }

        Assert.Equal(0, ring.ProducerYields);
    }

    private static IWaitStrategy Create(string name) => name switch
    {
        "Yielding" => new YieldingWaitStrategy(),
        "BusySpin" => new BusySpinWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
