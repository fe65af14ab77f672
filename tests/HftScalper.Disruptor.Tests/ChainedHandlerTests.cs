namespace HftScalper.Disruptor.Tests;

public sealed class ChainedHandlerTests
{
    [Fact]
    public void Second_handler_sees_every_event_once_in_order_after_the_first_on_one_thread()
    {
        using var disruptor = new Disruptor<TestEvent>(256);
        var (a, b, c) = (new StageProbe(), new StageProbe(), new StageProbe());
        var ring = disruptor.RingBuffer;
        // Stage A then B on one thread; C on its own behind them checks B's writes (upstream 2).
        var ab = disruptor.AddStage("a+b", new ChainedHandler<TestEvent, VerifyingHandler, VerifyingHandler>(ring,
            new VerifyingHandler(a, stage: 1, upstream: 0), new VerifyingHandler(b, stage: 2, upstream: 1)));
        disruptor.AddStage("c", new VerifyingHandler(c, stage: 3, upstream: 2), ab);
        disruptor.Start();

        WaitStrategyFixture.Publish(ring, 10_000);
        Assert.True(disruptor.DrainAndStop(TimeSpan.FromSeconds(30)));

        Assert.Null(a.FirstError);
        Assert.Null(b.FirstError);
        Assert.Null(c.FirstError);
        Assert.Equal(10_000, a.Count);
        Assert.Equal(10_000, b.Count);
        Assert.Equal(10_000, c.Count);
        Assert.Single(disruptor.Stages, s => s.Name == "a+b");
    }

    [Fact]
    public void Second_handler_gets_the_first_handlers_batches_with_their_end()
    {
        var ring = new RingBuffer<TestEvent>(64, ProducerType.Single, new BusySpinWaitStrategy());
        var (first, second) = (new List<long>(), new List<long>());
        var consumer = new InlineConsumer<TestEvent, ChainedHandler<TestEvent, CollectingHandler, EndMarkingHandler>>(ring,
            new(ring, new CollectingHandler(first), new EndMarkingHandler(second)));
        ring.AddGatingSequences(consumer.Sequence);

        WaitStrategyFixture.Publish(ring, 5);
        consumer.ProcessAvailable();
        WaitStrategyFixture.Publish(ring, 3);
        consumer.ProcessAvailable();

        Assert.Equal(8, first.Count);
        // Sequences, negated where the second handler was told the batch ended: the same two batches as the first's.
        Assert.Equal([0, 1, 2, 3, -4, 5, 6, -7], second);
    }

    private readonly struct EndMarkingHandler(List<long> seen) : IEventHandler<TestEvent>
    {
        public void OnBatchStart(long firstSequence, long count) { }

        public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch) => seen.Add(endOfBatch ? -sequence : sequence);
    }
}
