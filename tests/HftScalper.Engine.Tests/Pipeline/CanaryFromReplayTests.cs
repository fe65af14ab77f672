using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class CanaryFromReplayTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public CanaryFromReplayTests(PipelineFixture fx) => _fx = fx;

    private static CanaryRows RunWithCanary(PipelineTopology topology, int capacity = 256)
    {
        var canary = new CanaryRows(FeatureEngine.DefaultSchema.Count, capacity);
        var registry = new SymbolRegistry();
        using var source = PipelineFixture.Simulator(registry);
        new TradingPipeline(registry, new PipelineOptions { Topology = topology, WarmupEvents = 0 }, new SingleModelSource(null), NullLogger.Instance,
            new PipelineHooks { Canary = canary }).Run(source.Feed(registry, "binance-spot"));
        return canary;
    }

    [Theory]
    [InlineData(PipelineTopology.Inline)]
    [InlineData(PipelineTopology.Threaded)]
    public void The_canary_holds_the_last_synced_decision_rows_of_the_run(PipelineTopology topology)
    {
        // Reference: the same simulation through the dataset replay (same processor code), keeping synced rows.
        var expected = new List<float[]>();
        var registry = new SymbolRegistry();
        using (var replay = new FeatureReplay(registry, new FeatureReplayOptions()))
        using (var source = PipelineFixture.Simulator(registry))
            replay.Run(source.Feed(registry, "binance-spot"), (in info, row) => { if (info.BookSynced) expected.Add(row.ToArray()); });

        var canary = RunWithCanary(topology);

        var rows = canary.Snapshot(out int n);
        Assert.Equal(256, n);
        Assert.Equal(expected.Count, canary.Recorded);
        int f = canary.Width;
        for (int i = 0; i < n; i++)
            Assert.Equal(expected[expected.Count - n + i], rows.AsSpan(i * f, f).ToArray());
    }

    [Fact]
    public void A_model_finite_on_zeros_but_nan_on_real_rows_is_refused_only_with_the_pipelines_canary()
    {
        // One tree: spread <= 0 (the zero row) -> finite leaf; a real synced book has a spread of at least a tick
        // (BTCUSDT: ~0.0016 bps) -> NaN.
        int spread = FeatureEngine.DefaultSchema.IndexOf("spread_bps");
        var tree = new[] { TreeNode.Split(spread, 1e-4f, 1, 2), TreeNode.Leaf([0.2f, 0.6f, 0.2f]), TreeNode.Leaf([float.NaN, float.NaN, float.NaN]) };
        var path = Path.Combine(_fx.Dir, "nan-on-real-rows.onnx");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildClassifier(new TreeEnsemble(FeatureEngine.DefaultSchema.Count, 3, [tree], [0f, 0f, 0f]), [0, 1, 2], softmax: true),
            PipelineFixture.Metadata("nan-on-real-rows"), path);
        var dir = Directory.CreateDirectory(Path.Combine(_fx.Dir, "canary-" + Guid.NewGuid().ToString("N"))).FullName;
        var canary = RunWithCanary(PipelineTopology.Inline);

        using var blind = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        var withoutCanary = blind.Validator.Validate(path, [], out var accepted);
        accepted?.Dispose();
        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance, canary);
        var report = lifecycle.OnModelFile(path)!;

        Assert.True(withoutCanary.Passed, withoutCanary.Message);
        Assert.False(report.Passed);
        Assert.Equal(ModelRejection.NonFiniteOutput, report.Rejection);
        Assert.Null(lifecycle.Host.Current);
        Assert.Equal(1, lifecycle.Counters.RejectionsFor(ModelRejection.NonFiniteOutput));
    }
}
