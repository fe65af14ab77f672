using HftScalper.Training.Adaptation;
using HftScalper.Training.Data;
using HftScalper.Tests.Shared;

namespace HftScalper.Training.Tests;

/// <summary>
/// The <c>hft-adapt</c> worker is bounded (#21: "one thread, lower priority, memory cap"): its thread runs at nice 19
/// (read back from <c>/proc</c>, not from what it asked for) while the thread that made it keeps its own priority; the
/// training window holds at most its row cap and adds rows without allocating; and a retrain's allocations follow the
/// cap, not the length of the run.
/// </summary>
public sealed class AdaptWorkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-adapt-worker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_worker_thread_runs_at_nice_19_and_the_caller_keeps_its_priority()
    {
        if (!OperatingSystem.IsLinux()) return; // niceness is Linux's; elsewhere Thread.Priority is the runtime's
        int callerTid = ThreadNiceness.CurrentThreadId();
        int? callerBefore = ThreadNiceness.ReadNice(callerTid);
        using var worker = new AdaptWorker();
        int? seenInJob = null;
        string? name = null;

        Assert.True(worker.TryPost(() =>
        {
            seenInJob = ThreadNiceness.ReadNice(ThreadNiceness.CurrentThreadId());
            name = Thread.CurrentThread.Name;
        }));
        Assert.True(worker.WaitIdle(TimeSpan.FromSeconds(10)));

        Assert.True(worker.Nice == 19, worker.PriorityNote);
        Assert.Null(worker.PriorityNote);
        Assert.NotEqual(callerTid, worker.ThreadId);
        Assert.Equal(19, ThreadNiceness.ReadNice(worker.ThreadId)); // the kernel's view, from outside the thread
        Assert.Equal(19, seenInJob);                                   // and the jobs run on that thread
        Assert.Equal(AdaptWorker.ThreadName, name);
        Assert.Equal(callerBefore, ThreadNiceness.ReadNice(callerTid)); // per thread, not the whole process
    }

    [Fact]
    public void Nice_zero_leaves_the_worker_at_the_callers_priority()
    {
        if (!OperatingSystem.IsLinux()) return;
        int? caller = ThreadNiceness.ReadNice(ThreadNiceness.CurrentThreadId());
        using var worker = new AdaptWorker(nice: 0);

        Assert.Null(worker.Nice);
        Assert.NotNull(worker.PriorityNote);
        Assert.Equal(caller, ThreadNiceness.ReadNice(worker.ThreadId));
    }

    [Fact]
    public void The_training_window_holds_at_most_its_cap_and_adds_rows_without_allocating()
    {
        const int cap = 500;
        var window = new RecentWindow(SyntheticMarket.Schema.Count, cap, 1 << 16);
        var stream = Stream(20 * cap, seed: 1);
        Feed(window, stream, 0, 100); // warm up (JIT)

        // A warm-up and up to four measured passes, each the next fifth of the stream (still several caps of rows).
        int slice = (stream.Count - 100) / (1 + SteadyStateAllocation.DefaultPasses);
        long allocated = SteadyStateAllocation.FewestBytes(pass => Feed(window, stream, 100 + pass * slice, 100 + (pass + 1) * slice), out int passes);
        Feed(window, stream, 100 + passes * slice, stream.Count);

        Assert.Equal(0, allocated);
        Assert.Equal(cap, window.Rows);
        var (samples, _) = window.Snapshot(stream[^1].TimeNs, long.MaxValue / 2);
        Assert.Equal(cap, samples.Rows);
        Assert.Equal(stream[^1].TimeNs, samples.TimesNs[^1]);         // the newest rows are kept
        Assert.Equal(stream[^cap].TimeNs, samples.TimesNs[0]);
    }

    [Fact]
    public void A_retrain_allocates_by_the_row_cap_not_by_the_length_of_the_run()
    {
        RetrainAllocations(cap: 1000, rows: 1000, out _); // first use of the trainer (JIT, ML.NET's statics): not measured
        // Same cap, a run 12x longer: the retrain trains on the same number of rows and allocates about as much.
        long shortRun = RetrainAllocations(cap: 1000, rows: 1000, out int shortRows);
        long longRun = RetrainAllocations(cap: 1000, rows: 12_000, out int longRows);
        // The measure sees the data: a 12x larger cap on the long run allocates several times more.
        long bigCap = RetrainAllocations(cap: 12_000, rows: 12_000, out int bigRows);
        Console.WriteLine($"retrain allocations: cap 1,000: {shortRun:N0} B (1,000-row run), {longRun:N0} B (12,000-row run); cap 12,000: {bigCap:N0} B");

        Assert.Equal(1000, shortRows);
        Assert.Equal(1000, longRows);
        Assert.Equal(12_000, bigRows);
        Assert.True(longRun < 1.25 * shortRun, $"cap 1,000: {shortRun:N0} B on a short run, {longRun:N0} B on a 12x longer one");
        Assert.True(bigCap > 2.5 * longRun, $"cap 12,000: {bigCap:N0} B vs cap 1,000: {longRun:N0} B");
    }

    private long RetrainAllocations(int cap, int rows, out int trained)
    {
        var window = new RecentWindow(SyntheticMarket.Schema.Count, cap, 1 << 17);
        var stream = Stream(rows, seed: 7);
        Feed(window, stream, 0, stream.Count);
        var (samples, path) = window.Snapshot(stream[^1].TimeNs, long.MaxValue / 2);
        var options = new AdaptationOptions { HorizonNs = 5_000_000_000, Threshold = new(1, false), MinSamples = 300 };
        using var worker = new AdaptWorker();
        string file = Path.Combine(_dir, $"c{cap}-{rows}.onnx");
        var trainer = CandidateTrainer.Start(worker, samples, path, SyntheticMarket.Schema, options, file, "t", "test");
        Assert.NotNull(trainer);
        trainer.Wait();
        Assert.True(worker.WaitIdle(TimeSpan.FromMinutes(1))); // the job's allocations are counted once it has returned
        Assert.True(trainer.Path is not null, trainer.Error);
        trained = samples.Rows;
        return worker.MaxJobAllocatedBytes;
    }

    private static void Feed(RecentWindow window, List<(long TimeNs, double Mid, float[] Row)> stream, int from, int to)
    {
        for (int i = from; i < to; i++) window.Add(stream[i].TimeNs, stream[i].Mid, SyntheticMarket.StepNs, stream[i].Row);
    }

    // One decision every 100 ms (one sampled row each) of the synthetic market.
    private static List<(long TimeNs, double Mid, float[] Row)> Stream(int rows, int seed)
    {
        var b = SyntheticMarket.Build(rows / 10 + 1, seed, sampleNs: SyntheticMarket.StepNs);
        var list = new List<(long, double, float[])>(rows);
        for (int i = 0; i < rows && i < b.Samples.Rows; i++) list.Add((b.Samples.TimesNs[i], b.Samples.MidTicks[i], b.Samples.Row(i).ToArray()));
        return list;
    }
}
