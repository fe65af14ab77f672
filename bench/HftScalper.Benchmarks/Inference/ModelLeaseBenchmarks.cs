using BenchmarkDotNet.Attributes;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// What hot-swappability costs the serving thread per batch: <see cref="ModelHost.Acquire"/> + release (two
/// interlocked operations and a re-check) against a plain volatile read of a model reference (baseline: a model that
/// can never be swapped safely).
/// </summary>
[MemoryDiagnoser]
public class ModelLeaseBenchmarks
{
    private ModelHost _host = null!;
    private ServedModel _model = null!;
    private ServedModel? _plain;

    /// <summary>Loads a tiny model into a host.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var schema = new HftScalper.Features.Schema.FeatureSchema(1, [new("x", "unit")]);
        var md = new ModelMetadata("lease", "1", schema.Hash, ["x"], ModelInputKind.Tabular, 1, ModelOutputKind.Regression, ["y"],
            OnnxGraph.ScoresName, TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "{}", DateTimeOffset.UnixEpoch, "benchmark");
        var path = Path.Combine(Directory.CreateTempSubdirectory("hft-lease-bench-").FullName, "m.onnx");
        OnnxModelFile.Save(MlpModelBuilder.Build([new DenseLayer(1, 1, [1f], [0f])], OutputActivation.None), md, path);
        var session = new HftScalper.Inference.Loading.ModelLoader(schema, ServingOptions.CpuOnly(1), NullLogger.Instance).Load(path, HftScalper.Inference.Contracts.ModelRole.Outputs);
        _model = new ServedModel(session, path, new string('a', 64));
        _host = new ModelHost(NullLogger.Instance);
        _host.Swap(_model);
        _plain = _model;
        using var lease = _host.Acquire();
        if (!ReferenceEquals(lease.Model, _model)) throw new InvalidOperationException("the lease does not hold the model");
    }

    /// <summary>Disposes the host.</summary>
    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    /// <summary>Baseline: read the model reference.</summary>
    [Benchmark(Baseline = true)]
    public int VolatileRead() => Volatile.Read(ref _plain)!.InFlight;

    /// <summary>Acquire a lease, read through it, release it.</summary>
    [Benchmark]
    public int AcquireRelease()
    {
        using var lease = _host.Acquire();
        return lease.Model!.InFlight;
    }
}
