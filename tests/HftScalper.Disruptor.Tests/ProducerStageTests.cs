namespace HftScalper.Disruptor.Tests;

public sealed class ProducerStageTests
{
    /*  producer: claim -> fill -> A(lo..hi) -> publish ==> B (an inline consumer of the published events) */
    [Fact]
    public void Runs_on_the_claimed_slots_before_any_consumer_can_see_them()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var seen = new List<long>();
        var stageA = new ProducerStage<TestEvent, CollectingHandler>(ring, new CollectingHandler(seen));
        var stageB = new InlineConsumer<TestEvent, StageBHandler>(ring, new StageBHandler());
        ring.AddGatingSequences(stageB.Sequence);

        long hi = ring.Next(4);
        long lo = hi - 3;
        for (long q = lo; q <= hi; q++) ring[q].Value = q * 10;
        stageA.Handle(lo, hi);
        long beforePublish = stageB.ProcessAvailable();
        ring.Publish(lo, hi);
        long afterPublish = stageB.ProcessAvailable();

        Assert.Equal([0L, 10, 20, 30], seen);
        Assert.Equal(1, stageA.Handler.Batches);
        Assert.Equal(0, beforePublish);
        Assert.Equal(4, afterPublish);
        Assert.Equal(30, ring[3].StageB); // B saw the values filled before A ran and the publish
    }

    [Fact]
    public void A_throwing_handler_propagates_to_the_producer()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var probe = new StageProbe();
        var stage = new ProducerStage<TestEvent, ThrowingHandler>(ring, new ThrowingHandler(probe, throwAt: 2));
        long hi = ring.Next(4);

        Assert.Throws<InvalidDataException>(() => stage.Handle(hi - 3, hi));
        Assert.Equal(2, probe.Count); // the events before the failing one were handled
    }

    private struct StageBHandler : IEventHandler<TestEvent>
    {
        public readonly void OnBatchStart(long firstSequence, long count) { }

        public readonly void OnEvent(ref TestEvent e, long sequence, bool endOfBatch) => e.StageB = e.Value;
    }
}
