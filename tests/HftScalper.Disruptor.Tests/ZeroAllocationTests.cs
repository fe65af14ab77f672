using HftScalper.Tests.Shared;

namespace HftScalper.Disruptor.Tests;

public sealed class ZeroAllocationTests
{
    private const int Warmup = 50_000;
    private const int Measured = 1_000_000;

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Publishing_and_consuming_allocate_nothing_after_warm_up(ProducerType type)
    {
        using var disruptor = new Disruptor<TestEvent>(1024, type, new BlockingWaitStrategy());
        var probe = new StageProbe();
        disruptor.AddStage("consumer", new AllocationProbeHandler(probe, Warmup, Warmup + Measured - 1));
        disruptor.Start();
        var ring = disruptor.RingBuffer;
        PublishBatch(ring, Warmup);

        long before = GC.GetAllocatedBytesForCurrentThread();
        PublishBatch(ring, Measured);
        long producerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(disruptor.DrainAndStop(TimeSpan.FromSeconds(30)));

        Assert.Equal(0, producerAllocated);
        Assert.Equal(0, probe.AllocatedAtEnd - probe.AllocatedAtWarm);
        Assert.Equal(Warmup + Measured, probe.Count);
    }

    [Fact]
    public void Inline_consumer_allocates_nothing_after_warm_up()
    {
        var ring = new RingBuffer<TestEvent>(256);
        var probe = new StageProbe();
        var consumer = new InlineConsumer<TestEvent, AllocationProbeHandler>(ring, new AllocationProbeHandler(probe, 0, long.MaxValue));
        ring.AddGatingSequences(consumer.Sequence);
        Cycle(ring, consumer, 1_000);

        long allocated = SteadyStateAllocation.FewestBytes(_ => Cycle(ring, consumer, 100_000), out int passes);

        Assert.Equal(0, allocated);
        Assert.Equal(1_000 + 100_000 * passes, probe.Count);
    }

    private static void Cycle(RingBuffer<TestEvent> ring, InlineConsumer<TestEvent, AllocationProbeHandler> consumer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long seq = ring.Next();
            ring[seq].Value = seq;
            ring.Publish(seq);
            if ((i & 63) == 63)
            {
                consumer.ProcessAvailable();
            }
        }

        consumer.ProcessAvailable();
    }

    private static void PublishBatch(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long seq = ring.Next();
            ring[seq].Value = seq;
            ring.Publish(seq);
        }
    }

    /// <summary>Samples the consumer thread's allocation counter at two sequences.</summary>
    private struct AllocationProbeHandler(StageProbe probe, long warmAt, long endAt) : IEventHandler<TestEvent>
    {
        public void OnBatchStart(long firstSequence, long count)
        {
        }

        public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch)
        {
            if (sequence == warmAt)
            {
                probe.AllocatedAtWarm = GC.GetAllocatedBytesForCurrentThread();
            }

            probe.Checksum += e.Value;
            probe.Count++;
            if (sequence == endAt)
            {
                probe.AllocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();
            }
        }
    }
}
