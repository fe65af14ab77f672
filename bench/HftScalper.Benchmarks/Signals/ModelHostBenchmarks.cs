using BenchmarkDotNet.Attributes;
using HftScalper.Features.Schema;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Signals;

/// <summary>
/// What hot-swap safety costs per batch. <c>LockedHolder</c> (baseline): the usual way to keep a swappable session
/// alive while in use — take a lock to read the reference and bump a count, and again to drop it. <c>Lease</c>:
/// <see cref="ModelHost.Acquire"/> + release (two interlocked operations). Then a real single-row prediction of a
/// small MLP bare and through a lease, to put the overhead beside the work it guards. Setup checks the leased and
/// bare predictions are equal.
/// </summary>
[MemoryDiagnoser]
public class ModelHostBenchmarks
{
    private readonly object _gate = new();
    private string _dir = null!;
    private ModelHost _host = null!;
    private ModelSession _bare = null!;
    private ServedModel _held = null!;
    private int _refs;
    private float[] _x = null!, _y = null!;

    /// <summary>Writes a 32-feature MLP, loads it twice (hosted and bare).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        var schema = new FeatureSchema(1, Enumerable.Range(0, 32).Select(i => new FeatureDefinition($"f{i}", "u")));
        float[] R(int n) { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1) * 0.2f; return a; }
        var model = MlpModelBuilder.Build([new DenseLayer(32, 64, R(32 * 64), R(64)), new DenseLayer(64, 3, R(192), R(3))], OutputActivation.Softmax);
        var md = new ModelMetadata("bench", "1", schema.Hash, [.. schema.Features.Select(f => f.Name)], ModelInputKind.Tabular, 1,
            ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(10),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "{}", DateTimeOffset.UnixEpoch, "bench");
        _dir = Directory.CreateTempSubdirectory("hft-host-bench-").FullName;
        var path = Path.Combine(_dir, "m.onnx");
        OnnxModelFile.Save(model, md, path);
        var loader = new ModelLoader(schema, ServingOptions.CpuOnly(1), NullLogger.Instance);
        _bare = loader.Load(path);
        _held = new ServedModel(loader.Load(path), path, ModelRegistry.Sha256Of(path));
        _host = new ModelHost(NullLogger.Instance);
        _host.Swap(_held);
        _x = R(32);
        _y = new float[3];
        var check = new float[3];
        _bare.Predict(_x, 1, check);
        LeasedPredict();
        if (!check.AsSpan().SequenceEqual(_y)) throw new InvalidOperationException("leased and bare predictions differ");
    }

    /// <summary>Disposes the sessions and the temp folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        _bare.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Lock to acquire, lock to release.</summary>
    [Benchmark(Baseline = true)]
    public int LockedHolder()
    {
        ServedModel m;
        lock (_gate) { m = _held; _refs++; }
        int w = m.Session.OutputWidth;
        lock (_gate) _refs--;
        return w;
    }

    /// <summary>Our lease.</summary>
    [Benchmark]
    public int Lease()
    {
        using var lease = _host.Acquire();
        return lease.Session!.OutputWidth;
    }

    /// <summary>One row predicted on a session held directly (no swap safety).</summary>
    [Benchmark]
    public float BarePredict()
    {
        _bare.Predict(_x, 1, _y);
        return _y[2];
    }

    /// <summary>The same prediction through a lease.</summary>
    [Benchmark]
    public float LeasedPredict()
    {
        using var lease = _host.Acquire();
        lease.Session!.Predict(_x, 1, _y);
        return _y[2];
    }
}
