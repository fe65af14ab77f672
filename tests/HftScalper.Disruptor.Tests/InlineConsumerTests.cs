namespace HftScalper.Disruptor.Tests;

public sealed class InlineConsumerTests
{
    /*  producer --> A --> B   (driven by the test thread, in that order) */
    [Fact]
    public void Drives_a_two_stage_chain_deterministically_on_the_calling_thread()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var (a, b) = (new StageProbe(), new StageProbe());
        var stageA = new InlineConsumer<TestEvent, VerifyingHandler>(ring, new VerifyingHandler(a, stage: 1, upstream: 0));
        var stageB = new InlineConsumer<TestEvent, VerifyingHandler>(ring, new VerifyingHandler(b, stage: 2, upstream: 1), stageA.Sequence);
        ring.AddGatingSequences(stageB.Sequence);

        WaitStrategyFixture.Publish(ring, 10);
        long bBeforeA = stageB.ProcessAvailable();
        long aHandled = stageA.ProcessAvailable();
        long bHandled = stageB.ProcessAvailable();

        Assert.Equal(0, bBeforeA);
        Assert.Equal(10, aHandled);
        Assert.Equal(10, bHandled);
        Assert.Null(a.FirstError);
        Assert.Null(b.FirstError);
        Assert.Equal(18, ring[9].StageB / 2 - ring[9].Value + 17);
    }

    [Fact]
    public void A_throwing_handler_propagates_and_leaves_the_bad_event_unhandled()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var probe = new StageProbe();
        var consumer = new InlineConsumer<TestEvent, ThrowingHandler>(ring, new ThrowingHandler(probe, throwAt: 3));
        ring.AddGatingSequences(consumer.Sequence);
        WaitStrategyFixture.Publish(ring, 8);

        Assert.Throws<InvalidDataException>(() => consumer.ProcessAvailable());

        Assert.Equal(2, consumer.Sequence.Value);
        Assert.Equal(3, probe.Count);
    }
}
