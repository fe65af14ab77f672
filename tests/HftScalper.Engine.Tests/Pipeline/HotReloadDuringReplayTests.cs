using System.Security.Cryptography;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class HotReloadDuringReplayTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public HotReloadDuringReplayTests(PipelineFixture fx) => _fx = fx;

    private static ReplaySource PacedSimulator(SymbolRegistry registry, double minutes, double speed) =>
        new(ReplayFormat.Unknown, new PacedFrameSource(
            new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(minutes), Seed = 5 }, registry), speed));

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Truncated_wrong_schema_nan_and_too_slow_drops_are_refused_and_a_good_drop_goes_live_while_a_replay_runs_without_losing_an_event()
    {
        // Expected event count: the same simulation, unpaced, no model.
        var reference = new SymbolRegistry();
        long expectedEvents = PipelineFixture.Run(new ReplaySource(ReplayFormat.Unknown,
            new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2), Seed = 5 }, reference)),
            reference, new SingleModelSource(null)).Events;

        var dir = Directory.CreateDirectory(Path.Combine(_fx.Dir, "drop-" + Guid.NewGuid().ToString("N"))).FullName;
        File.Copy(_fx.TreeModel(seed: 1), Path.Combine(dir, "default.onnx"));
        var truncated = File.ReadAllBytes(_fx.TreeModel(seed: 2));
        string wrongSchema = _fx.TreeModel(seed: 3, schemaHash: new string('0', 64), file: "wrong-schema.onnx");
        string nan = _fx.TreeModel(seed: 4, nanLeaves: true, file: "nan.onnx");
        // Valid but ~100x+ over the default 1 ms budget on any machine: refused for latency, not by luck of timing.
        string slow = HeavyModel.Write(Path.Combine(_fx.Dir, "slow.onnx"));
        string good = _fx.TreeModel(seed: 5, file: "good.onnx");
        string goodSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(good)));

        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        Assert.True(lifecycle.LoadPromoted());
        using var watcher = new ModelDirectoryWatcher(lifecycle, NullLogger.Instance, new ModelWatcherOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        watcher.Start();
        var registry = new SymbolRegistry();
        var pipeline = new TradingPipeline(registry, new PipelineOptions { Topology = PipelineTopology.Threaded, WarmupEvents = 0 },
            new HostedModelSource(lifecycle.Host), NullLogger.Instance);

        // Two simulated minutes at 6x: about 20 s of replay while the files land (room for a loaded CI machine).
        var run = Task.Run(() => { using var source = PacedSimulator(registry, 2, 6); return pipeline.Run(source.Feed(registry, "binance-spot")); });
        await WaitUntil(() => pipeline.Published > 1000, "the replay started");
        File.WriteAllBytes(Path.Combine(dir, "truncated.onnx"), truncated.AsSpan(0, truncated.Length / 2).ToArray());
        File.Copy(wrongSchema, Path.Combine(dir, "wrong-schema.onnx"));
        File.Copy(nan, Path.Combine(dir, "nan.onnx"));
        File.Copy(slow, Path.Combine(dir, "slow.onnx"));
        await WaitUntil(() => lifecycle.Counters.Rejections >= 4, "four bad files refused");
        Assert.Equal(ModelRegistry.Sha256Of(Path.Combine(dir, "default.onnx")), lifecycle.Host.Current!.Sha256); // the first model kept serving
        Assert.False(run.IsCompleted, "the replay was still running when the bad files were refused");
        File.Copy(good, Path.Combine(dir, "good.onnx"));
        await WaitUntil(() => lifecycle.Host.Current?.Sha256 == goodSha, "the good model live");
        bool swappedDuringRun = !run.IsCompleted;
        var result = await run;

        Assert.True(swappedDuringRun, "the good model went live while the replay ran");
        Assert.True(result.Drained);
        Assert.Equal(expectedEvents, result.Events);
        Assert.Equal(result.Decisions, result.Inference.Rows + result.Inference.NoModelRows + result.Inference.FailedRows);
        Assert.Equal(0, result.Inference.NoModelRows);
        Assert.Equal(4, lifecycle.Counters.Rejections);
        Assert.Equal(1, lifecycle.Counters.RejectionsFor(ModelRejection.TooSlow));
        Assert.Equal(1, lifecycle.Counters.RejectionsFor(ModelRejection.NonFiniteOutput));
        Assert.Equal(1, lifecycle.Counters.RejectionsFor(ModelRejection.SchemaMismatch));
        Assert.Equal(1, lifecycle.Counters.RejectionsFor(ModelRejection.Unreadable));
        Assert.Equal(goodSha, lifecycle.Host.Current!.Sha256);
        Assert.True(result.Trading.ModelSignals > 0);
    }
}
