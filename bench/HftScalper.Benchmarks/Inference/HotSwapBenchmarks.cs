using BenchmarkDotNet.Attributes;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// The off-hot-path cost of a hot reload, for a 100-tree down/flat/up classifier over the engine's default feature
/// row (like the bundled model): a bare ONNX Runtime session creation (baseline: what any reload pays at least),
/// our load + validate (metadata, schema, shapes, finite outputs on 256 canary rows, latency budget) + warm-up of
/// every batch size, and the whole drop-to-serving step (that, then <see cref="ModelHost.Swap"/>, which publishes
/// the model and disposes the previous one).
/// </summary>
[MemoryDiagnoser]
public class HotSwapBenchmarks
{
    private string _dir = null!, _path = null!;
    private byte[] _bytes = null!;
    private float[] _canary = null!;
    private ModelValidator _validator = null!;
    private ModelHost _host = null!;

    /// <summary>Writes the model and checks that it passes validation before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        var schema = FeatureEngine.DefaultSchema;
        int f = schema.Count;
        var trees = new List<TreeNode[]>();
        for (int t = 0; t < 100; t++)
        {
            var nodes = new TreeNode[63];
            for (int n = 0; n < 63; n++)
                nodes[n] = n < 31 ? TreeNode.Split(rng.Next(f), (float)(rng.NextDouble() * 2 - 1), 2 * n + 1, 2 * n + 2)
                    : TreeNode.Leaf([(float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5)]);
            trees.Add(nodes);
        }
        var md = new ModelMetadata("bench-swap", "1", schema.Hash, [.. schema.Features.Select(x => x.Name)], ModelInputKind.Tabular, 1,
            ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(5),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "{}", DateTimeOffset.UnixEpoch, "benchmark");
        _dir = Directory.CreateTempSubdirectory("hft-swap-bench-").FullName;
        _path = Path.Combine(_dir, "model.onnx");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildClassifier(new TreeEnsemble(f, 3, trees, [0f, 0f, 0f]), [0, 1, 2], softmax: true), md, _path);
        _bytes = File.ReadAllBytes(_path);
        _canary = [.. Enumerable.Range(0, 256 * f).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        _validator = new ModelValidator(schema, ServingOptions.CpuOnly(32), new ModelValidationOptions(), NullLogger.Instance);
        _host = new ModelHost(NullLogger.Instance);
        var report = _validator.Validate(_path, _canary, out var session);
        if (!report.Passed || session is null) throw new InvalidOperationException("benchmark model refused: " + report.Message);
        _host.Swap(new ServedModel(session, _path, report.Sha256));
    }

    /// <summary>Releases the host and the file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Baseline: create and dispose a bare ONNX Runtime session from the bytes (same session options).</summary>
    [Benchmark(Baseline = true)]
    public int BareSessionCreate()
    {
        using var options = ExecutionProviderSelector.Create(ServingOptions.CpuOnly(32), "bench", NullLogger.Instance, out _);
        using var session = new InferenceSession(_bytes, options);
        return session.InputMetadata.Count;
    }

    /// <summary>Load + validate on 256 canary rows + warm-up of batch sizes 1..32 (then dispose).</summary>
    [Benchmark]
    public int LoadValidateWarm()
    {
        var report = _validator.Validate(_path, _canary, out var session);
        session?.Dispose();
        return report.CanaryRows;
    }

    /// <summary>The whole drop-to-serving step: load + validate + warm-up, swap in, dispose the previous model.</summary>
    [Benchmark]
    public long DropToServing()
    {
        var report = _validator.Validate(_path, _canary, out var session);
        _host.Swap(new ServedModel(session!, _path, report.Sha256));
        return _host.Swaps;
    }
}
