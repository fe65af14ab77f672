using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using HftScalper.Features.Engine;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// The bundled direction model (models/default.onnx: 300 trees, Sigmoid, normalisation) served two ways through
/// <see cref="ModelSession.Predict"/>: ONNX Runtime with IoBinding (baseline, <c>CompileTrees = false</c>) and the
/// compiled tree evaluator the loader picks by default; and the compiled model alone, without the session around it,
/// in its two layouts for uneven trees: two walks over 8-byte nodes (<see cref="PairedTreeEnsemble"/>, the default) and
/// the previous four walks over 16-byte nodes (<see cref="CompactTreeEnsemble"/>). Same rows, same buffers; the
/// outputs are checked equal within 1e-6 before timing.
/// </summary>
[MemoryDiagnoser]
public class CompiledTreeBenchmarks
{
    private ModelSession _ort = null!;
    private ModelSession _compiled = null!;
    private CompiledTreeModel _paired = null!, _fourWalks = null!;
    private float[] _x = null!, _y = null!;

    /// <summary>Rows per call.</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    /// <summary>Loads the bundled model twice and checks the two evaluators agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = FindModel();
        _ort = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32) with { CompileTrees = false }, NullLogger.Instance).Load(path, ModelRole.Direction);
        _compiled = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(path, ModelRole.Direction);
        if (!_compiled.Evaluator.StartsWith("compiled", StringComparison.Ordinal)) throw new InvalidOperationException($"not compiled: {_compiled.Evaluator}");
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        _paired = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why) ?? throw new InvalidOperationException(why);
        _fourWalks = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out why, pairedWalks: false) ?? throw new InvalidOperationException(why);
        if (!_paired.Description.Contains("paired", StringComparison.Ordinal) || _fourWalks.Description.Contains("paired", StringComparison.Ordinal))
            throw new InvalidOperationException($"layouts: {_paired.Description} / {_fourWalks.Description}");
        var rng = new Random(42);
        _x = new float[Batch * _ort.RowLength];
        for (int i = 0; i < _x.Length; i++) _x[i] = (float)(rng.NextDouble() * 2 - 1);
        _y = new float[Batch * _ort.OutputWidth];
        var check = new float[_y.Length];
        _ort.Predict(_x, Batch, check);
        _compiled.Predict(_x, Batch, _y);
        for (int i = 0; i < _y.Length; i++)
            if (Math.Abs(_y[i] - check[i]) > 1e-6f) throw new InvalidOperationException($"evaluators differ at {i}: {_y[i]} vs {check[i]}");
        foreach (var model in new[] { _paired, _fourWalks })
        {
            model.Evaluate(_x, Batch, _ort.RowLength, _y);
            for (int i = 0; i < _y.Length; i++)
                if (Math.Abs(_y[i] - check[i]) > 1e-6f) throw new InvalidOperationException($"{model.Description} differs at {i}: {_y[i]} vs {check[i]}");
        }
    }

    /// <summary>Baseline: ONNX Runtime, RunWithBinding over pinned buffers.</summary>
    [Benchmark(Baseline = true)]
    public PredictStatus OnnxRuntime() => _ort.Predict(_x, Batch, _y);

    /// <summary>The compiled evaluator as served (the session's copies, checks and latency record around it).</summary>
    [Benchmark]
    public PredictStatus Compiled() => _compiled.Predict(_x, Batch, _y);

    /// <summary>The compiled model alone, two walks over 8-byte nodes (the default layout of uneven trees).</summary>
    [Benchmark]
    public void PairedWalks() => _paired.Evaluate(_x, Batch, _ort.RowLength, _y);

    /// <summary>The compiled model alone, the previous layout: four walks over 16-byte nodes.</summary>
    [Benchmark]
    public void FourWalksPrevious() => _fourWalks.Evaluate(_x, Batch, _ort.RowLength, _y);

    /// <summary>Releases both sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ort.Dispose();
        _compiled.Dispose();
    }

    // Above the binary (artifacts/ inside the repository) or above the working directory (HFT_ARTIFACTS elsewhere).
    private static string FindModel()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = Path.Combine(d.FullName, "models", "default.onnx");
                if (File.Exists(p)) return p;
            }
        throw new FileNotFoundException($"models/default.onnx not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}");
    }
}
