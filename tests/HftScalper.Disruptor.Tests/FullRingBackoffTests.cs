namespace HftScalper.Disruptor.Tests;

/// <summary>
/// A producer that finds the ring full waits per its strategy: blocking sleeps on the monitor, sleeping uses its
/// phases, busy-spin spins, yielding backs off (brief spin, then yield; #18). Whatever the path, no event is lost or
/// duplicated on a ring that is full nearly all the time, and halting the ring releases a waiting producer.
/// </summary>
public sealed class FullRingBackoffTests
{
    public static TheoryData<string, ProducerType> Strategies()
    {
        var data = new TheoryData<string, ProducerType>();
        foreach (var name in new[] { "Blocking", "Sleeping", "Yielding", "BusySpin" })
        {
            data.Add(name, ProducerType.Single);
            data.Add(name, ProducerType.Multi);
        }

        return data;
    }

    /*  2 producers --> check     (a 4-slot ring: the producers find it full on almost every claim) */
    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_ring_that_is_always_full_loses_and_duplicates_nothing(string strategy, ProducerType type)
    {
        int producers = type == ProducerType.Single ? 1 : 2;
        const int perProducer = 20_000;
        using var disruptor = new Disruptor<TestEvent>(4, type, Create(strategy));
        var probe = new MultiProducerStressTests.OrderProbe(producers);
        disruptor.AddStage("check", new MultiProducerStressTests.PerProducerOrderHandler(probe));
        disruptor.Start();
        var ring = disruptor.RingBuffer;

        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (long counter = 0; counter < perProducer;)
            {
                // Alternate single and 3-slot claims so both claim sizes wait for capacity.
                int n = (int)Math.Min(counter % 2 == 0 ? 1 : 3, perProducer - counter);
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

        long total = (long)producers * perProducer;
        long expectedChecksum = Enumerable.Range(0, producers).Sum(p => (p * 1_000_003L * perProducer) + ((long)perProducer * (perProducer - 1) / 2));
        Assert.True(drained);
        Assert.Null(probe.FirstError);
        Assert.Equal(total, probe.Count);
        Assert.Equal(total - 1, probe.LastSequence);
        Assert.Equal(expectedChecksum, probe.Checksum);
        Assert.All(probe.NextCounter, c => Assert.Equal(perProducer, c));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Halt_releases_a_producer_waiting_for_capacity(string strategy, ProducerType type)
    {
        var ring = new RingBuffer<TestEvent>(2, type, Create(strategy));
        ring.AddGatingSequences(new Sequence()); // a consumer that never moves
        ring.Publish(ring.Next(2));
        using var started = new ManualResetEventSlim(false);
        var producer = Task.Run(() =>
        {
            started.Set();
            return ring.Next();
        });

        started.Wait();
        Thread.Sleep(20); // let it reach the wait (the assertion holds either way)
        ring.Halt();

        await Assert.ThrowsAsync<InvalidOperationException>(() => producer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static IWaitStrategy Create(string name) => name switch
    {
        "Blocking" => new BlockingWaitStrategy(),
        "Sleeping" => new SleepingWaitStrategy(),
        "Yielding" => new YieldingWaitStrategy(),
        "BusySpin" => new BusySpinWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
