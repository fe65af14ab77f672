using System.Diagnostics;
using System.Globalization;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// Swaps models continuously while a replay runs and checks that nothing is lost. Also the measuring harness of
/// bench/README "## Inference" (hot swap): it prints load+validate+warm-up time, the swap itself, and tick-to-decision
/// percentiles with and without swaps. The figures are printed, never asserted (timing on a shared machine).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class HotSwapDuringReplayTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;
    private readonly ITestOutputHelper _out;

    public HotSwapDuringReplayTests(PipelineFixture fx, ITestOutputHelper output)
    {
        _fx = fx;
        _out = output;
    }

    private static (PipelineResult Result, RunRecorder Recorder) Run(ModelHost host, CanaryRows canary)
    {
        var registry = new SymbolRegistry();
        var recorder = new RunRecorder();
        using var source = PipelineFixture.Simulator(registry, minutes: 10);
        return (new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 50_000 }, new HostedModelSource(host), NullLogger.Instance,
            new PipelineHooks { Canary = canary, Observer = recorder }).Run(source.Feed(registry, "binance-spot")), recorder);
    }

    [Fact]
    public async Task Models_swapped_every_few_milliseconds_during_a_replay_lose_no_event_and_every_row_is_served()
    {
        string[] paths = [_fx.TreeModel(seed: 1), _fx.TreeModel(seed: 2)];
        var validator = new ModelValidator(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(), new ModelValidationOptions(), NullLogger.Instance);
        var canary = new CanaryRows(FeatureEngine.DefaultSchema.Count);
        ServedModel Prepare(string path)
        {
            var report = validator.Validate(path, canary.Snapshot(out _), out var session);
            Assert.True(report.Passed, report.Message);
            return new ServedModel(session!, path, report.Sha256);
        }

        using var quiet = new ModelHost(NullLogger.Instance);
        quiet.Swap(Prepare(paths[0]));
        var (baseline, baselineRecorder) = Run(quiet, canary);

        using var host = new ModelHost(NullLogger.Instance);
        host.Swap(Prepare(paths[0]));
        var prepareMs = new List<double>();
        var swapUs = new List<double>();
        using var stop = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var swapper = new Thread(() =>
        {
            started.Set();
            for (int i = 1; !stop.IsCancellationRequested; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                var next = Prepare(paths[i % 2]);   // load + validate on recent real rows + warm-up, off the hot path
                long t1 = Stopwatch.GetTimestamp();
                host.Swap(next);                    // publish + wait for the old model's in-flight batch + dispose it
                long t2 = Stopwatch.GetTimestamp();
                prepareMs.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                swapUs.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds);
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Name = "test-swapper" };
        swapper.Start();
        started.Wait();
        var (swapped, swappedRecorder) = await Task.Run(() => Run(host, canary));
        stop.Cancel();
        swapper.Join();

        Assert.True(swapped.Drained);
        Assert.True(host.Swaps >= 5, $"only {host.Swaps} swaps during the run");
        Assert.Equal(baseline.Events, swapped.Events);
        Assert.Equal(baseline.Decisions, swapped.Decisions);
        Assert.Equal(swapped.Decisions, swapped.Inference.Rows);
        Assert.Equal(0, swapped.Inference.NoModelRows + swapped.Inference.FailedRows);
        Assert.Equal(0, host.RetiredPending);

        var b = baselineRecorder.TickToDecision.Summarize();
        var s = swappedRecorder.TickToDecision.Summarize();
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        prepareMs.Sort();
        swapUs.Sort();
        _out.WriteLine($"swaps {swapUs.Count} over {F(swapped.ElapsedSeconds)} s, {swapped.Events} events, {swapped.Decisions} decisions (all served)");
        _out.WriteLine($"load+validate+warm-up ms: median {F(prepareMs[prepareMs.Count / 2])}, max {F(prepareMs[^1])}");
        _out.WriteLine($"swap us: median {F(swapUs[swapUs.Count / 2])}, p99 {F(swapUs[(int)(swapUs.Count * 0.99)])}, max {F(swapUs[^1])}");
        _out.WriteLine($"tick-to-decision ns without swaps: p50 {b.P50} p99 {b.P99} p99.9 {b.P999} max {b.Max} ({b.Count})");
        _out.WriteLine($"tick-to-decision ns with swaps:    p50 {s.P50} p99 {s.P99} p99.9 {s.P999} max {s.Max} ({s.Count})");
    }
}
