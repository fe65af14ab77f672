namespace HftScalper.Disruptor.Tests;

public sealed class MaxBatchSizeTests
{
    [Fact]
    public void An_uncapped_stage_takes_a_whole_backlog_in_one_batch()
    {
        var batches = RunBacklog(maxBatchSize: 0, backlog: 100);

        Assert.Equal(100, batches[0]); // the stage behind it would see nothing until all 100 are done
        Assert.Equal(100, batches.Sum());
    }

    [Fact]
    public void A_capped_stage_takes_a_backlog_in_batches_of_at_most_the_cap_and_misses_nothing()
    {
        var batches = RunBacklog(maxBatchSize: 8, backlog: 100);

        Assert.All(batches, n => Assert.InRange(n, 1, 8));
        Assert.Equal(8, batches[0]);
        Assert.Equal(100, batches.Sum());
    }

    [Fact]
    public void A_capped_stage_and_the_stage_behind_it_see_every_event_once_in_order()
    {
        using var disruptor = new Disruptor<TestEvent>(256, options: new DisruptorOptions { MaxBatchSize = 5 });
        var (a, b) = (new StageProbe(), new StageProbe());
        var first = disruptor.AddStage("a", new VerifyingHandler(a, stage: 1, upstream: 0));
        disruptor.AddStage("b", new VerifyingHandler(b, stage: 2, upstream: 1), first);
        disruptor.Start();

        WaitStrategyFixture.Publish(disruptor.RingBuffer, 10_000);
        Assert.True(disruptor.DrainAndStop(TimeSpan.FromSeconds(30)));

        Assert.Null(a.FirstError);
        Assert.Null(b.FirstError);
        Assert.Equal(10_000, a.Count);
        Assert.Equal(10_000, b.Count);
    }

    [Fact]
    public void A_negative_cap_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Disruptor<TestEvent>(64, options: new DisruptorOptions { MaxBatchSize = -1 }));
    }

    // Publishes a backlog before the stage starts, then lets it drain: the sizes of the batches it was handed.
    private static List<long> RunBacklog(int maxBatchSize, int backlog)
    {
        var batches = new List<long>();
        using var disruptor = new Disruptor<TestEvent>(256, options: new DisruptorOptions { MaxBatchSize = maxBatchSize });
        disruptor.AddStage("counted", new BatchSizeHandler(batches));
        WaitStrategyFixture.Publish(disruptor.RingBuffer, backlog);
        disruptor.Start();
        Assert.True(disruptor.DrainAndStop(TimeSpan.FromSeconds(30))); // joins the stage thread: its list is ours to read
        return batches;
    }

    private readonly struct BatchSizeHandler(List<long> sizes) : IEventHandler<TestEvent>
    {
        public void OnBatchStart(long firstSequence, long count) => sizes.Add(count);

        public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch) { }
    }
}
