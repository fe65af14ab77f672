namespace HftScalper.Disruptor.Tests;

public sealed class MultiProducerStressTests
{
    private const int Producers = 4;
    private const int PerProducer = 500_000;

    /*  4 producers --> check1
     *             \--> check2      (two independent consumers, both gate the producers) */
    [Fact]
    public void Every_sequence_is_seen_once_and_each_producers_events_stay_in_order()
    {
        using var disruptor = new Disruptor<TestEvent>(4096, ProducerType.Multi, new BlockingWaitStrategy());
        var results = new[] { new OrderProbe(Producers), new OrderProbe(Producers) };
        disruptor.AddStage("check1", new PerProducerOrderHandler(results[0]));
        disruptor.AddStage("check2", new PerProducerOrderHandler(results[1]));
        disruptor.Start();
        var ring = disruptor.RingBuffer;

        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            // Half the producers claim in batches, half one by one: both claim paths interleave.
            int batch = p % 2 == 0 ? 1 : 7;
            long counter = 0;
            while (counter < PerProducer)
            {
                int n = (int)Math.Min(batch, PerProducer - counter);
                long hi = ring.Next(n);
                for (long s = hi - n + 1; s <= hi; s++)
                {
                    ref var e = ref ring[s];
                    e.ProducerId = p;
                    e.Counter = counter++;
                    e.Value = (p * 1_000_003L) + e.Counter;
                }

                ring.Publish(hi - n + 1, hi);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(30));

        long total = (long)Producers * PerProducer;
        long expectedChecksum = Enumerable.Range(0, Producers).Sum(p => (p * 1_000_003L * PerProducer) + ((long)PerProducer * (PerProducer - 1) / 2));
        Assert.True(drained);
        foreach (var probe in results)
        {
            Assert.Null(probe.FirstError);
            Assert.Equal(total, probe.Count);
            Assert.Equal(total - 1, probe.LastSequence);
            Assert.Equal(expectedChecksum, probe.Checksum);
            Assert.All(probe.NextCounter, c => Assert.Equal(PerProducer, c));
        }
    }

    public sealed class OrderProbe(int producers)
    {
        public long[] NextCounter { get; } = new long[producers];

        public long Count;
        public long Checksum;
        public long LastSequence = -1;
        public string? FirstError;
    }

    internal struct PerProducerOrderHandler(OrderProbe probe) : IEventHandler<TestEvent>
    {
        public void OnBatchStart(long firstSequence, long count)
        {
        }

        public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch)
        {
            if (sequence != probe.LastSequence + 1)
            {
                probe.FirstError ??= $"saw {sequence} after {probe.LastSequence}";
            }

            if (e.Counter != probe.NextCounter[e.ProducerId])
            {
                probe.FirstError ??= $"producer {e.ProducerId}: counter {e.Counter}, expected {probe.NextCounter[e.ProducerId]}";
            }

            probe.NextCounter[e.ProducerId] = e.Counter + 1;
            probe.Checksum += e.Value;
            probe.Count++;
            probe.LastSequence = sequence;
        }
    }
}
