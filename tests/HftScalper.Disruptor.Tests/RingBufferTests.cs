namespace HftScalper.Disruptor.Tests;

public sealed class RingBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Rejects_sizes_that_are_not_a_power_of_two(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer<TestEvent>(size));
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Wraps_around_many_times_keeping_every_event(ProducerType type)
    {
        var ring = new RingBuffer<TestEvent>(8, type);
        var consumer = new InlineConsumer<TestEvent, CollectingHandler>(ring, new CollectingHandler(new List<long>()));
        ring.AddGatingSequences(consumer.Sequence);

        for (long i = 0; i < 100; i++)
        {
            long seq = ring.Next();
            ring[seq].Value = i * 3;
            ring.Publish(seq);
            if (i % 5 == 4)
            {
                consumer.ProcessAvailable();
            }
        }

        consumer.ProcessAvailable();

        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 3L), consumer.Handler.Seen);
        Assert.Equal(99, ring.Cursor.Value);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Try_next_refuses_to_overwrite_an_unconsumed_slot(ProducerType type)
    {
        var ring = new RingBuffer<TestEvent>(4, type);
        var consumer = new InlineConsumer<TestEvent, CollectingHandler>(ring, new CollectingHandler(new List<long>()));
        ring.AddGatingSequences(consumer.Sequence);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryNext(out long seq));
            ring[seq].Value = i;
            ring.Publish(seq);
        }

        bool claimedWhenFull = ring.TryNext(out _);
        long remainingWhenFull = ring.RemainingCapacity;
        consumer.ProcessAvailable();
        bool claimedAfterConsume = ring.TryNext(2, out long hi);

        Assert.False(claimedWhenFull);
        Assert.Equal(0, remainingWhenFull);
        Assert.True(claimedAfterConsume);
        Assert.Equal(5, hi);
        Assert.Equal([0L, 1, 2, 3], consumer.Handler.Seen);
    }

    [Fact]
    public void Batch_claim_returns_the_highest_sequence_and_publishes_all()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var consumer = new InlineConsumer<TestEvent, CollectingHandler>(ring, new CollectingHandler(new List<long>()));
        ring.AddGatingSequences(consumer.Sequence);

        long hi = ring.Next(5);
        for (long s = hi - 4; s <= hi; s++)
        {
            ring[s].Value = s;
        }

        ring.Publish(hi - 4, hi);
        long handled = consumer.ProcessAvailable();

        Assert.Equal(4, hi);
        Assert.Equal(5, handled);
        Assert.Equal(1, consumer.Handler.Batches);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(0));
    }

    [Fact]
    public void Multi_producer_consumers_stop_at_the_first_unpublished_slot()
    {
        var ring = new RingBuffer<TestEvent>(16, ProducerType.Multi);
        var consumer = new InlineConsumer<TestEvent, CollectingHandler>(ring, new CollectingHandler(new List<long>()));
        ring.AddGatingSequences(consumer.Sequence);
        long first = ring.Next();
        long second = ring.Next();
        long third = ring.Next();

        ring.Publish(first);
        ring.Publish(third);
        long beforeGapFilled = consumer.ProcessAvailable();
        ring.Publish(second);
        long afterGapFilled = consumer.ProcessAvailable();

        Assert.Equal(1, beforeGapFilled);
        Assert.Equal(2, afterGapFilled);
        Assert.Equal(2, consumer.Sequence.Value);
        Assert.True(ring.IsPublished(second));
    }

    [Fact]
    public void Slots_are_returned_by_reference()
    {
        var ring = new RingBuffer<TestEvent>(4);

        ref var slot = ref ring[6];
        slot.Value = 42;

        Assert.Equal(42, ring[2].Value);
    }

    [Fact]
    public async Task Halt_wakes_a_producer_blocked_on_a_full_ring()
    {
        var ring = new RingBuffer<TestEvent>(2, ProducerType.Single, new BlockingWaitStrategy());
        ring.AddGatingSequences(new Sequence());
        ring.Publish(ring.Next(2));
        var producer = Task.Run(() => ring.Next());

        Thread.Sleep(50);
        ring.Halt();

        await Assert.ThrowsAsync<InvalidOperationException>(() => producer.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
