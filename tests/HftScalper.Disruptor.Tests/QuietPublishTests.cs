namespace HftScalper.Disruptor.Tests;

/// <summary>
/// A producer that batches wake-ups publishes quietly (<see cref="RingBuffer{T}.PublishQuiet"/>) and signals once a
/// batch waits. No wake-up may be lost: the ring signals before its producer sleeps on a full ring, and a drain signals
/// what was never signalled. Each test first lets the blocking consumer fall asleep (its spin lasts microseconds).
/// </summary>
public sealed class QuietPublishTests
{
    private static readonly TimeSpan Asleep = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void A_quiet_publish_leaves_a_sleeping_consumer_asleep_until_signalled()
    {
        using var disruptor = new Disruptor<TestEvent>(64);
        var probe = new StageProbe();
        disruptor.AddStage("consumer", new VerifyingHandler(probe, stage: 0, upstream: 0));
        disruptor.Start();
        Thread.Sleep(Asleep);

        PublishQuiet(disruptor.RingBuffer, 3);
        Thread.Sleep(Asleep);
        long beforeSignal = Volatile.Read(ref probe.Count);
        disruptor.RingBuffer.SignalConsumers();
        bool after = SpinWait.SpinUntil(() => Volatile.Read(ref probe.Count) == 3, TimeSpan.FromSeconds(10));

        Assert.Equal(0, beforeSignal);
        Assert.True(after);
        Assert.Null(probe.FirstError);
    }

    [Fact]
    public async Task A_producer_filling_the_ring_quietly_wakes_the_consumer_before_it_waits_for_slots()
    {
        using var disruptor = new Disruptor<TestEvent>(8);
        var probe = new StageProbe();
        disruptor.AddStage("consumer", new VerifyingHandler(probe, stage: 0, upstream: 0));
        disruptor.Start();
        Thread.Sleep(Asleep);

        // 40 events through 8 slots, never signalled: without the ring's own wake-up the producer sleeps on the full
        // ring while the consumer sleeps on events it was never told about.
        var producer = Task.Run(() => PublishQuiet(disruptor.RingBuffer, 40));
        await producer.WaitAsync(TimeSpan.FromSeconds(20));
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(10));

        Assert.True(drained);
        Assert.Equal(40, probe.Count);
        Assert.Null(probe.FirstError);
    }

    [Fact]
    public void Drain_and_stop_processes_what_was_published_quietly_and_never_signalled()
    {
        using var disruptor = new Disruptor<TestEvent>(64);
        var probe = new StageProbe();
        disruptor.AddStage("consumer", new VerifyingHandler(probe, stage: 0, upstream: 0));
        disruptor.Start();
        Thread.Sleep(Asleep);
        PublishQuiet(disruptor.RingBuffer, 5);

        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(5));

        Assert.True(drained);
        Assert.Equal(5, probe.Count);
    }

    private static void PublishQuiet(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long seq = ring.Next();
            ring[seq].Value = VerifyingHandler.Payload(seq);
            ring.PublishQuiet(seq, seq);
        }
    }
}
