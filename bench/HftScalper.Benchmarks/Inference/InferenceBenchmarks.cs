using BenchmarkDotNet.Attributes;
using HftScalper.Features.Schema;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// One prediction of a batch through ONNX Runtime (CPU, one intra-op thread) three ways, per model kind:
/// the convenient <c>NamedOnnxValue</c>/<c>DenseTensor</c> path (baseline), our <see cref="ModelSession.Predict"/>
/// (copy in, run, copy out, NaN check, monitor), and the floor: a bare <c>RunWithBinding</c> over pre-bound
/// pinned buffers with no copies or checks. All three use identical session options.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private const int F = 32;
    private const int Steps = 16;
    private string _dir = null!;
    private ModelSession _ours = null!;
    private InferenceSession _plain = null!;
    private SessionOptions _plainOptions = null!;
    private OrtIoBinding _floorBinding = null!;
    private OrtValue _floorIn = null!, _floorOut = null!;
    private RunOptions _runOptions = null!;
    private float[] _x = null!, _y = null!, _floorY = null!;
    private int[] _dims = null!;

    /// <summary>Model kind: small MLP, 100-tree ensemble, LSTM over a 16-step window.</summary>
    public enum ModelKind { Mlp, Trees100, Lstm16 }

    /// <summary>The model under test.</summary>
    [Params(ModelKind.Mlp, ModelKind.Trees100, ModelKind.Lstm16)]
    public ModelKind Kind { get; set; }

    /// <summary>Rows per call.</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    /// <summary>Writes the model, loads it three ways, and checks the three paths agree before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var schema = new FeatureSchema(1, Enumerable.Range(0, F).Select(i => new FeatureDefinition($"f{i}", "unit")));
        (ModelProto model, int outputs, ModelInputKind input, int steps) = Kind switch
        {
            ModelKind.Mlp => (MlpModelBuilder.Build([Dense(rng, F, 64), Dense(rng, 64, 32), Dense(rng, 32, 3)], OutputActivation.Softmax), 3, ModelInputKind.Tabular, 1),
            ModelKind.Trees100 => (TreeEnsembleModelBuilder.BuildRegressor(Trees(rng, 100, 6)), 1, ModelInputKind.Tabular, 1),
            _ => (LstmModelBuilder.Build(Lstm(rng, F, 32), Dense(rng, 32, 3), Steps, OutputActivation.Softmax), 3, ModelInputKind.Sequence, Steps),
        };
        var md = new ModelMetadata("bench", "1", schema.Hash, [.. schema.Features.Select(f => f.Name)], input, steps,
            outputs == 1 ? ModelOutputKind.Regression : ModelOutputKind.Classification, [.. Enumerable.Range(0, outputs).Select(i => $"o{i}")],
            OnnxGraph.ScoresName, TimeSpan.FromSeconds(10), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "{}", DateTimeOffset.UnixEpoch, "benchmark");
        _dir = Directory.CreateTempSubdirectory("hft-onnx-bench-").FullName;
        var path = Path.Combine(_dir, "model.onnx");
        OnnxModelFile.Save(model, md, path);

        _ours = new ModelLoader(schema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(path, HftScalper.Inference.Contracts.ModelRole.Outputs);
        _plainOptions = ExecutionProviderSelector.Create(ServingOptions.CpuOnly(32), "bench", NullLogger.Instance, out _);
        _plain = new InferenceSession(path, _plainOptions);
        int row = _ours.RowLength;
        _x = new float[Batch * row];
        for (int i = 0; i < _x.Length; i++) _x[i] = (float)(rng.NextDouble() * 2 - 1);
        _y = new float[Batch * outputs];
        _dims = input == ModelInputKind.Sequence ? [Batch, Steps, F] : [Batch, F];

        var pinnedX = GC.AllocateArray<float>(_x.Length, pinned: true);
        _x.CopyTo(pinnedX, 0);
        _floorY = GC.AllocateArray<float>(_y.Length, pinned: true);
        _floorIn = OrtValue.CreateTensorValueFromMemory(pinnedX, Array.ConvertAll(_dims, d => (long)d));
        _floorOut = OrtValue.CreateTensorValueFromMemory(_floorY, [Batch, outputs]);
        _floorBinding = _plain.CreateIoBinding();
        _floorBinding.BindInput(OnnxGraph.InputName, _floorIn);
        _floorBinding.BindOutput(OnnxGraph.ScoresName, _floorOut);
        _runOptions = new RunOptions();

        // Correctness before timing: the three paths give the same scores.
        float baseline = NamedOnnxValueRun();
        float ours = Ours();
        BareRunWithBinding();
        for (int i = 0; i < _y.Length; i++)
            if (MathF.Abs(_y[i] - _floorY[i]) > 1e-5f) throw new InvalidOperationException($"ours differs from the floor at {i}");
        if (MathF.Abs(baseline - ours) > 1e-4f) throw new InvalidOperationException($"checksum: baseline {baseline} vs ours {ours}");
    }

    /// <summary>Releases sessions and files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _floorBinding.Dispose(); _floorIn.Dispose(); _floorOut.Dispose(); _runOptions.Dispose();
        _plain.Dispose(); _plainOptions.Dispose(); _ours.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The convenient API: wrap a DenseTensor, Run, read the result collection.</summary>
    [Benchmark(Baseline = true)]
    public float NamedOnnxValueRun()
    {
        var tensor = new DenseTensor<float>(_x.AsMemory(), _dims);
        using var results = _plain.Run([NamedOnnxValue.CreateFromTensor(OnnxGraph.InputName, tensor)]);
        float sum = 0;
        foreach (var r in results)
            if (r.Name == OnnxGraph.ScoresName)
                foreach (var v in r.AsTensor<float>()) sum += v;
        return sum;
    }

    /// <summary>Our serving path: copy into pinned input, RunWithBinding on the batch's binding, copy out, NaN check, monitor.</summary>
    [Benchmark]
    public float Ours()
    {
        if (_ours.Predict(_x, Batch, _y) != PredictStatus.Ok) throw new InvalidOperationException("predict failed");
        float sum = 0;
        foreach (var v in _y) sum += v;
        return sum;
    }

    /// <summary>The floor: RunWithBinding over buffers bound once, nothing else.</summary>
    [Benchmark]
    public float BareRunWithBinding()
    {
        _plain.RunWithBinding(_runOptions, _floorBinding);
        return _floorY[0];
    }

    private static float[] Floats(Random rng, int n, float scale) =>
        [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale)];

    private static DenseLayer Dense(Random rng, int i, int o) => new(i, o, Floats(rng, i * o, 1f / MathF.Sqrt(i)), Floats(rng, o, 0.1f));

    private static LstmWeights Lstm(Random rng, int f, int h) =>
        new(f, h, Floats(rng, 4 * h * f, 0.2f), Floats(rng, 4 * h * h, 0.2f), Floats(rng, 4 * h, 0.1f), Floats(rng, 4 * h, 0.1f));

    private static TreeEnsemble Trees(Random rng, int trees, int depth)
    {
        int inner = (1 << depth) - 1, total = (1 << (depth + 1)) - 1;
        var list = new List<TreeNode[]>();
        for (int t = 0; t < trees; t++)
            list.Add([.. Enumerable.Range(0, total).Select(n => n < inner
                ? TreeNode.Split(rng.Next(F), (float)(rng.NextDouble() * 2 - 1), 2 * n + 1, 2 * n + 2)
                : TreeNode.Leaf((float)(rng.NextDouble() * 0.2 - 0.1)))]);
        return new TreeEnsemble(F, 1, list);
    }
}
