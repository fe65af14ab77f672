using System.Collections.Concurrent;

namespace HftScalper.Disruptor.Tests;

public sealed class ExceptionPolicyTests
{
    [Fact]
    public void Skip_policy_logs_counts_and_carries_on_past_the_bad_event()
    {
        var log = new ConcurrentQueue<string>();
        var options = new DisruptorOptions { ExceptionPolicy = ExceptionPolicy.SkipEvent, Log = log.Enqueue };
        using var disruptor = new Disruptor<TestEvent>(64, options: options);
        var (probe, downstream) = (new StageProbe(), new StageProbe());
        var thrower = disruptor.AddStage("thrower", new ThrowingHandler(probe, throwAt: 5));
        disruptor.AddStage("after", new VerifyingHandler(downstream, stage: 0, upstream: 0), thrower);
        disruptor.Start();

        WaitStrategyFixture.Publish(disruptor.RingBuffer, 100);
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(10));

        Assert.True(drained);
        Assert.Equal(99, probe.Count);
        Assert.Equal(Enumerable.Range(0, 100).Sum() - 5, probe.Checksum);
        Assert.Equal(100, downstream.Count);
        Assert.Equal(1, thrower.ExceptionCount);
        Assert.Equal(1, disruptor.ExceptionCount);
        Assert.Null(disruptor.Fault);
        Assert.Contains(log, line => line.Contains("'thrower'") && line.Contains("sequence 5") && line.Contains("bad event 5"));
    }

    [Fact]
    public void Halt_policy_stops_every_stage_before_the_bad_event_and_keeps_the_fault()
    {
        var log = new ConcurrentQueue<string>();
        var options = new DisruptorOptions { ExceptionPolicy = ExceptionPolicy.HaltPipeline, Log = log.Enqueue };
        using var disruptor = new Disruptor<TestEvent>(64, options: options);
        var (probe, downstream) = (new StageProbe(), new StageProbe());
        var thrower = disruptor.AddStage("thrower", new ThrowingHandler(probe, throwAt: 5));
        var after = disruptor.AddStage("after", new VerifyingHandler(downstream, stage: 0, upstream: 0), thrower);
        disruptor.Start();

        WaitStrategyFixture.Publish(disruptor.RingBuffer, 50);
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(10));

        Assert.False(drained);
        Assert.True(disruptor.IsHalted);
        Assert.IsType<InvalidDataException>(disruptor.Fault);
        Assert.Equal(4, thrower.Sequence.Value);
        Assert.True(after.Sequence.Value <= 4);
        Assert.Equal(5, probe.Count);
        Assert.Equal(1, thrower.ExceptionCount);
        Assert.Contains(log, line => line.Contains("halting") && line.Contains("sequence 5"));
    }

    [Fact]
    public void A_throwing_logger_does_not_kill_the_stage()
    {
        var options = new DisruptorOptions { ExceptionPolicy = ExceptionPolicy.SkipEvent, Log = _ => throw new IOException("log disk full") };
        using var disruptor = new Disruptor<TestEvent>(64, options: options);
        var probe = new StageProbe();
        var thrower = disruptor.AddStage("thrower", new ThrowingHandler(probe, throwAt: 1));
        disruptor.Start();

        WaitStrategyFixture.Publish(disruptor.RingBuffer, 10);
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(10));

        Assert.True(drained);
        Assert.Equal(9, probe.Count);
        Assert.Equal(1, thrower.ExceptionCount);
    }
}
