namespace HftScalper.Disruptor.Tests;

/// <summary>
/// The contract every wait strategy must meet; each strategy's test class inherits this fixture unchanged.
/// </summary>
public abstract class WaitStrategyFixture
{
    protected abstract IWaitStrategy CreateStrategy();

    /// <summary>Events per threaded test (busy-spin lowers it: its threads fight for 2 shared cores).</summary>
    protected virtual int EventCount => 100_000;

    /// <summary>Events in the slow-consumer test (each 50th sleeps 1 ms in the consumer).</summary>
    protected int SlowEventCount => Math.Max(200, EventCount / 50);

    [Fact]
    public void Returns_the_highest_available_sequence_without_waiting()
    {
        var strategy = CreateStrategy();
        var a = new Sequence(7);
        var b = new Sequence(5);

        long available = strategy.WaitFor(3, new SequenceGroup(a, b), new AlertFlag());

        Assert.Equal(5, available);
    }

    [Fact]
    public async Task Wakes_when_another_thread_moves_the_sequence()
    {
        var strategy = CreateStrategy();
        var cursor = new Sequence();
        var waiter = Task.Run(() => strategy.WaitFor(0, new SequenceGroup(cursor), new AlertFlag()));

        Thread.Sleep(20);
        cursor.SetValue(2);
        strategy.SignalAllWhenBlocking();

        long result = await waiter.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, result);
    }

    [Fact]
    public async Task Returns_alerted_when_the_wait_is_alerted()
    {
        var strategy = CreateStrategy();
        var alert = new AlertFlag();
        var waiter = Task.Run(() => strategy.WaitFor(0, new SequenceGroup(new Sequence()), alert));

        Thread.Sleep(20);
        alert.Raise();
        strategy.SignalAllWhenBlocking();

        long result = await waiter.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(WaitResult.Alerted, result);
    }

    /*  producer --> A --> B --> C
     *                \--> J          (J beside B; the producer is gated by C and J) */
    [Fact]
    public void Pipeline_delivers_every_event_once_and_in_order_to_every_stage()
    {
        using var disruptor = new Disruptor<TestEvent>(1024, ProducerType.Single, CreateStrategy());
        var (a, b, c, j) = (new StageProbe(), new StageProbe(), new StageProbe(), new StageProbe());
        var stageA = disruptor.AddStage("A", new VerifyingHandler(a, stage: 1, upstream: 0));
        var stageB = disruptor.AddStage("B", new VerifyingHandler(b, stage: 2, upstream: 1), stageA);
        disruptor.AddStage("C", new VerifyingHandler(c, stage: 3, upstream: 2), stageB);
        disruptor.AddStage("J", new VerifyingHandler(j, stage: 4, upstream: 1), stageA);
        disruptor.Start();

        Publish(disruptor.RingBuffer, EventCount);
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(30));

        long expectedChecksum = Enumerable.Range(0, EventCount).Sum(i => VerifyingHandler.Payload(i));
        Assert.True(drained);
        foreach (var probe in new[] { a, b, c, j })
        {
            Assert.Null(probe.FirstError);
            Assert.Equal(EventCount, probe.Count);
            Assert.Equal(expectedChecksum, probe.Checksum);
        }
    }

    [Fact]
    public void Producer_waits_for_a_slow_consumer_and_never_overwrites_its_slots()
    {
        using var disruptor = new Disruptor<TestEvent>(16, ProducerType.Single, CreateStrategy());
        var (fast, slow) = (new StageProbe(), new StageProbe());
        disruptor.AddStage("fast", new VerifyingHandler(fast, stage: 1, upstream: 0));
        var slowStage = disruptor.AddStage("slow", new VerifyingHandler(slow, stage: 0, upstream: 0, slowEvery: 50));
        disruptor.Start();
        var ring = disruptor.RingBuffer;
        long maxLead = 0;

        for (long i = 0; i < SlowEventCount; i++)
        {
            long seq = ring.Next();
            maxLead = Math.Max(maxLead, seq - slowStage.Sequence.Value);
            ring[seq].Value = VerifyingHandler.Payload(seq);
            ring.Publish(seq);
        }

        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(30));

        Assert.True(drained);
        Assert.True(maxLead <= 16, $"producer ran {maxLead} slots ahead of the slow consumer");
        Assert.Null(slow.FirstError);
        Assert.Null(fast.FirstError);
        Assert.Equal(SlowEventCount, slow.Count);
    }

    [Fact]
    public void Multi_producer_pipeline_sees_each_sequence_once_in_order()
    {
        const int producers = 3;
        int perProducer = EventCount / producers;
        using var disruptor = new Disruptor<TestEvent>(256, ProducerType.Multi, CreateStrategy());
        var probe = new StageProbe();
        disruptor.AddStage("check", new VerifyingHandler(probe, stage: 0, upstream: 0));
        disruptor.Start();

        var threads = Enumerable.Range(0, producers)
            .Select(_ => new Thread(() => Publish(disruptor.RingBuffer, perProducer)))
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(30));

        Assert.True(drained);
        Assert.Null(probe.FirstError);
        Assert.Equal(producers * perProducer, probe.Count);
    }

    /// <summary>Publishes <paramref name="count"/> events whose payload is a function of their sequence.</summary>
    internal static void Publish(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long seq = ring.Next();
            ref var e = ref ring[seq];
            e.Value = VerifyingHandler.Payload(seq);
            e.StageA = 0;
            e.StageB = 0;
            ring.Publish(seq);
        }
    }
}
