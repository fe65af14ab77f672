using HftScalper.Engine.Composition;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// <c>threadCpu</c> lists the pipeline's threads in the order they were declared (the pipeline's order), not in the
/// order the threads happened to start: a CI run once listed "inference+strategy" before "features".
/// </summary>
public sealed class ThreadClocksTests
{
    [Fact]
    public void Figures_follow_the_declared_order_whatever_order_the_threads_register_in()
    {
        if (!OperatingSystem.IsLinux()) return; // schedstat is Linux's; elsewhere the figures are empty by design
        var clocks = new ThreadClocks();
        clocks.RegisterCurrent("producer");
        clocks.Declare(["features", "inference+strategy"]);
        using var go = new ManualResetEventSlim();
        using var registered = new CountdownEvent(2);
        // The later stage registers first.
        var late = new Thread(() => { clocks.RegisterCurrent("inference+strategy"); registered.Signal(); go.Wait(); clocks.MarkEnd("inference+strategy"); });
        late.Start();
        while (registered.CurrentCount == 2) Thread.Sleep(1);
        var early = new Thread(() => { clocks.RegisterCurrent("features"); registered.Signal(); go.Wait(); clocks.MarkEnd("features"); });
        early.Start();
        registered.Wait();
        clocks.MarkWarm();
        go.Set();
        late.Join();
        early.Join();
        clocks.MarkEnd("producer");

        var names = clocks.Figures().Select(f => f.Name).ToArray();
        if (names.Length == 0) return; // a kernel without schedstat
        Assert.Equal(["producer", "features", "inference+strategy"], names);
    }

    [Fact]
    public void A_declared_thread_that_never_registers_is_left_out()
    {
        var clocks = new ThreadClocks();
        clocks.Declare(["features"]);
        clocks.MarkWarm();
        clocks.MarkEnd("features");
        Assert.Empty(clocks.Figures());
    }
}
