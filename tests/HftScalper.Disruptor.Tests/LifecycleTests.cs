namespace HftScalper.Disruptor.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public void Drain_and_stop_processes_the_whole_backlog()
    {
        using var gate = new ManualResetEventSlim(false);
        using var disruptor = new Disruptor<TestEvent>(1024);
        var (first, second) = (new StageProbe(), new StageProbe());
        var stage = disruptor.AddStage("gated", new GatedHandler(first, gate));
        disruptor.AddStage("after", new VerifyingHandler(second, stage: 0, upstream: 0), stage);
        disruptor.Start();
        WaitStrategyFixture.Publish(disruptor.RingBuffer, 1000);

        gate.Set();
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(10));

        Assert.True(drained);
        Assert.Equal(1000, first.Count);
        Assert.Equal(1000, second.Count);
        Assert.Null(second.FirstError);
        Assert.All(disruptor.Stages, s => Assert.False(s.IsRunning));
    }

    [Fact]
    public async Task Halt_stops_at_once_leaving_the_backlog_unprocessed()
    {
        using var gate = new ManualResetEventSlim(false);
        using var disruptor = new Disruptor<TestEvent>(1024);
        var probe = new StageProbe();
        var stage = disruptor.AddStage("gated", new GatedHandler(probe, gate));
        disruptor.Start();
        WaitStrategyFixture.Publish(disruptor.RingBuffer, 1);
        Assert.True(probe.Entered.Wait(TimeSpan.FromSeconds(10)));
        WaitStrategyFixture.Publish(disruptor.RingBuffer, 999);

        var halting = Task.Run(disruptor.Halt);
        Assert.True(SpinWait.SpinUntil(() => disruptor.IsHalted, TimeSpan.FromSeconds(10)));
        gate.Set();

        await halting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(disruptor.IsHalted);
        Assert.False(stage.IsRunning);
        Assert.Equal(1, probe.Count);
        Assert.Equal(0, stage.Sequence.Value);
        Assert.Equal(999, disruptor.RingBuffer.Cursor.Value);
    }

    [Fact]
    public async Task Halt_wakes_idle_stages_and_a_producer_blocked_on_a_full_ring()
    {
        using var gate = new ManualResetEventSlim(false);
        using var disruptor = new Disruptor<TestEvent>(4);
        disruptor.AddStage("idle", new VerifyingHandler(new StageProbe(), stage: 0, upstream: 0));
        disruptor.AddStage("stuck", new GatedHandler(new StageProbe(), gate));
        disruptor.Start();
        var producer = Task.Run(() => WaitStrategyFixture.Publish(disruptor.RingBuffer, 100));
        Thread.Sleep(50);

        var halting = Task.Run(disruptor.Halt);
        await Assert.ThrowsAsync<InvalidOperationException>(() => producer.WaitAsync(TimeSpan.FromSeconds(10)));
        gate.Set();
        await halting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.DoesNotContain(disruptor.Stages, s => s.IsRunning);
    }

    [Fact]
    public void Thread_start_hook_runs_on_each_stage_thread_with_its_name()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>();
        var options = new DisruptorOptions { OnThreadStart = name => seen[name] = Thread.CurrentThread.Name };
        using var disruptor = new Disruptor<TestEvent>(64, options: options);
        var a = disruptor.AddStage("book", new VerifyingHandler(new StageProbe(), stage: 0, upstream: 0));
        disruptor.AddStage("journal", new VerifyingHandler(new StageProbe(), stage: 0, upstream: 0), a);

        disruptor.Start();
        WaitStrategyFixture.Publish(disruptor.RingBuffer, 10);
        Assert.True(disruptor.DrainAndStop(TimeSpan.FromSeconds(10)));

        Assert.Equal("book", seen["book"]);
        Assert.Equal("journal", seen["journal"]);
    }

    [Fact]
    public void Thread_exit_hook_runs_on_each_stage_thread_after_its_last_event()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, (string? Thread, long Count)>();
        var probe = new StageProbe();
        var options = new DisruptorOptions { OnThreadExit = name => seen[name] = (Thread.CurrentThread.Name, Volatile.Read(ref probe.Count)) };
        using var disruptor = new Disruptor<TestEvent>(64, options: options);
        disruptor.AddStage("book", new VerifyingHandler(probe, stage: 0, upstream: 0));

        disruptor.Start();
        WaitStrategyFixture.Publish(disruptor.RingBuffer, 100);
        Assert.True(disruptor.DrainAndStop(TimeSpan.FromSeconds(10)));

        Assert.Equal(("book", 100L), seen["book"]);
    }

    [Fact]
    public void A_failing_thread_start_hook_halts_the_pipeline_and_is_logged()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new DisruptorOptions { OnThreadStart = _ => throw new PlatformNotSupportedException("no affinity"), Log = log.Enqueue };
        using var disruptor = new Disruptor<TestEvent>(64, options: options);
        disruptor.AddStage("pinned", new VerifyingHandler(new StageProbe(), stage: 0, upstream: 0));

        disruptor.Start();
        WaitStrategyFixture.Publish(disruptor.RingBuffer, 10);
        bool drained = disruptor.DrainAndStop(TimeSpan.FromSeconds(10));

        Assert.True(disruptor.IsHalted);
        Assert.IsType<InvalidOperationException>(disruptor.Fault);
        Assert.Contains(log, line => line.Contains("pinned") && line.Contains("no affinity"));
        Assert.False(drained);
    }

    [Fact]
    public void Wiring_is_frozen_once_started()
    {
        using var disruptor = new Disruptor<TestEvent>(64);
        disruptor.AddStage("a", new VerifyingHandler(new StageProbe(), stage: 0, upstream: 0));
        disruptor.Start();

        Assert.Throws<InvalidOperationException>(disruptor.Start);
        Assert.Throws<InvalidOperationException>(() => disruptor.AddStage("b", new VerifyingHandler(new StageProbe(), 0, 0)));
    }

    [Fact]
    public void Rejects_an_upstream_stage_from_another_pipeline()
    {
        using var one = new Disruptor<TestEvent>(64);
        using var two = new Disruptor<TestEvent>(64);
        var foreign = one.AddStage("a", new VerifyingHandler(new StageProbe(), 0, 0));

        Assert.Throws<ArgumentException>(() => two.AddStage("b", new VerifyingHandler(new StageProbe(), 0, 0), foreign));
    }
}
