using BenchmarkDotNet.Attributes;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// A bundled tree model (models/default.onnx: 300 trees, Sigmoid, normalisation; or default.return.onnx: 50 trees;
/// <c>HFT_BENCH_MODEL</c> = another file in place of default.onnx) served through <see cref="ModelSession.Predict"/>:
/// ONNX Runtime with IoBinding (baseline, <c>CompileTrees = false</c>) and the compiled evaluator the loader picks by
/// default; and the compiled model alone in each layout: incremental (<see cref="IncrementalTreeEnsemble"/>, the
/// default: only trees whose splits flipped walk), two stateless walks over 8-byte nodes (<see cref="PairedTreeEnsemble"/>,
/// the previous default) and four walks over 16-byte nodes (<see cref="CompactTreeEnsemble"/>). Rows are either uniform
/// random (every split a coin toss, every row a jump) or 16,384 consecutive decision rows of the simulator market through
/// the feature engine (what the replay feeds); each call evaluates the next <see cref="Batch"/> rows of the set. All
/// evaluators are checked against ONNX Runtime (1e-6) and the compiled ones against each other (bit for bit) on the
/// whole set before timing.
/// </summary>
[MemoryDiagnoser]
public class CompiledTreeBenchmarks
{
    private const int ReplayRows = 16_384;
    private ModelSession _ort = null!;
    private ModelSession _compiled = null!;
    private CompiledTreeModel _incremental = null!, _paired = null!, _fourWalks = null!;
    private float[] _rows = null!, _y = null!;
    private int _count, _cursor, _width;

    /// <summary>Model file in models/.</summary>
    [Params("default.onnx", "default.return.onnx")]
    public string Model { get; set; } = "default.onnx";

    /// <summary>Row set: uniform random, or consecutive simulator decision rows.</summary>
    [Params("random", "replay")]
    public string Rows { get; set; } = "replay";

    /// <summary>Rows per call.</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    /// <summary>Loads the model in every evaluator and checks them against each other on the whole row set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = FindModel(Model);
        var role = Model.Contains("return", StringComparison.Ordinal) ? ModelRole.Return : ModelRole.Direction;
        _ort = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32) with { CompileTrees = false }, NullLogger.Instance).Load(path, role);
        _compiled = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(path, role);
        if (!_compiled.Evaluator.StartsWith("compiled", StringComparison.Ordinal)) throw new InvalidOperationException($"not compiled: {_compiled.Evaluator}");
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        string tensor = role == ModelRole.Return ? _ort.Contract.Return!.Tensor : _ort.Contract.Direction!.Tensor;
        _incremental = TreeGraphCompiler.TryCompile(proto, tensor, out var why) ?? throw new InvalidOperationException(why);
        _paired = TreeGraphCompiler.TryCompile(proto, tensor, out why, incremental: false) ?? throw new InvalidOperationException(why);
        _fourWalks = TreeGraphCompiler.TryCompile(proto, tensor, out why, pairedWalks: false) ?? throw new InvalidOperationException(why);
        if (!_incremental.Description.Contains("re-walked", StringComparison.Ordinal) || _paired.Description.Contains("re-walked", StringComparison.Ordinal)
            || _fourWalks.Description.Contains("paired", StringComparison.Ordinal))
            throw new InvalidOperationException($"layouts: {_incremental.Description} / {_paired.Description} / {_fourWalks.Description}");
        _width = _ort.RowLength;
        _rows = Rows == "replay" ? DecisionRows(_width) : RandomRows(_width);
        _count = _rows.Length / _width;
        _y = new float[32 * Math.Max(_ort.OutputWidth, _incremental.OutputWidth)];
        Check();
    }

    /// <summary>Baseline: ONNX Runtime, RunWithBinding over pinned buffers.</summary>
    [Benchmark(Baseline = true)]
    public PredictStatus OnnxRuntime() => _ort.Predict(Next(), Batch, _y);

    /// <summary>The compiled evaluator as served (the session's copies, checks and latency record around it).</summary>
    [Benchmark]
    public PredictStatus Compiled() => _compiled.Predict(Next(), Batch, _y);

    /// <summary>The compiled model alone, incremental (the default for uneven trees).</summary>
    [Benchmark]
    public void Incremental() => _incremental.Evaluate(Next(), Batch, _width, _y);

    /// <summary>The compiled model alone, two stateless walks over 8-byte nodes (the previous default).</summary>
    [Benchmark]
    public void PairedWalks() => _paired.Evaluate(Next(), Batch, _width, _y);

    /// <summary>The compiled model alone, four walks over 16-byte nodes (the layout before that).</summary>
    [Benchmark]
    public void FourWalksPrevious() => _fourWalks.Evaluate(Next(), Batch, _width, _y);

    /// <summary>Releases both sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ort.Dispose();
        _compiled.Dispose();
    }

    // The next Batch rows of the set, wrapping around.
    private ReadOnlySpan<float> Next()
    {
        if (_cursor + Batch > _count) _cursor = 0;
        var rows = _rows.AsSpan(_cursor * _width, Batch * _width);
        _cursor += Batch;
        return rows;
    }

    private void Check()
    {
        int k = _ort.OutputWidth, m = _incremental.OutputWidth;
        float[] reference = new float[k], a = new float[k], b = new float[m], c = new float[m], d = new float[m];
        long walked = 0;
        for (int r = 0; r < _count; r++)
        {
            var row = _rows.AsSpan(r * _width, _width);
            _ort.Predict(row, 1, reference);
            _compiled.Predict(row, 1, a);
            _incremental.Evaluate(row, 1, _width, b);
            _paired.Evaluate(row, 1, _width, c);
            _fourWalks.Evaluate(row, 1, _width, d);
            walked += ((IncrementalTreeEnsemble)_incremental.Kernel).LastWalked;
            for (int i = 0; i < k; i++)
                if (Math.Abs(a[i] - reference[i]) > 1e-6f) throw new InvalidOperationException($"row {r}: compiled {a[i]} vs ORT {reference[i]}");
            for (int i = 0; i < m; i++)
                if (b[i] != c[i] || d[i] != c[i]) throw new InvalidOperationException($"row {r}: layouts differ at {i}");
        }
        Console.WriteLine($"// {Model} {Rows}: {_incremental.Description}; {walked / (double)_count:F1} of {_incremental.Kernel.Trees} trees walked per row");
    }

    private static float[] RandomRows(int width)
    {
        var rng = new Random(42);
        var rows = new float[4096 * width];
        for (int i = 0; i < rows.Length; i++) rows[i] = (float)(rng.NextDouble() * 2 - 1);
        return rows;
    }

    // Decision rows of the simulator market (seed 1) through the live feature engine, after its first 4,096 decisions.
    private static float[] DecisionRows(int width)
    {
        var registry = new SymbolRegistry();
        var market = ReplayMarket.Spot;
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) }, registry));
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Rule = market.Rule });
        var rows = new List<float>(ReplayRows * width);
        int seen = 0;
        replay.Run(source.Feed(registry, market.Venue), (in DecisionInfo info, ReadOnlySpan<float> row) =>
        {
            if (seen++ < 4096 || rows.Count >= ReplayRows * width) return;
            for (int i = 0; i < width; i++) rows.Add(i < row.Length ? row[i] : 0f);
        });
        if (rows.Count < width * 1024) throw new InvalidOperationException($"only {rows.Count / width} decision rows");
        return [.. rows];
    }

    // Above the binary (artifacts/ inside the repository) or above the working directory (HFT_ARTIFACTS elsewhere).
    internal static string FindModel(string file)
    {
        if (file == "default.onnx" && Environment.GetEnvironmentVariable("HFT_BENCH_MODEL") is { Length: > 0 } other) return other;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = Path.Combine(d.FullName, "models", file);
                if (File.Exists(p)) return p;
            }
        throw new FileNotFoundException($"models/{file} not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}");
    }
}
