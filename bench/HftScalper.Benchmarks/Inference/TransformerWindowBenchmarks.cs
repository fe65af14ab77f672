using BenchmarkDotNet.Attributes;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// The transformer window model served by <see cref="WindowServer"/>: 60 snapshots x the engine's features, d 32,
/// 2 heads, 1 or 2 layers (random weights: the cost does not depend on them). <see cref="Predict"/> is one decision
/// that completes a new window (gather 60 rows from the pinned ring, one ORT run through the IoBinding);
/// <see cref="Flush8"/> scores 8 symbols as one micro-batch. The engine's seam, <see cref="WindowRowServer"/>, in the
/// same run: <see cref="ServedOrt"/> (ONNX Runtime, <c>CompileSequences = false</c>) and <see cref="ServedCompiled"/>
/// (what the loader picks for this graph: the compiled encoder, each snapshot encoded once as it arrives), one
/// decision completing a window each; <see cref="ServedCompiled8"/> is 8 symbols' decisions as one batch. Setup
/// checks that the compiled and ORT servers give the same scores (within 1e-5) on the same rows before timing.
/// Target (issue #19): p50 &lt;= 100 µs per window, 0 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TransformerWindowBenchmarks
{
    private const int T = 60, Width = 32, Symbols = 8;
    private const long Sample = 250_000_000;
    private string _dir = null!;
    private ModelSession _session = null!, _ortSession = null!;
    private WindowServer _server = null!;
    private WindowRowServer _compiledRows = null!, _ortRows = null!;
    private float[] _row = null!, _rows8 = null!;
    private readonly float[] _scores = new float[3], _scores8 = new float[3 * Symbols];
    private readonly bool[] _warming = new bool[Symbols];
    private readonly SequenceRowKey[] _keys = new SequenceRowKey[Symbols];
    private long _time = 1_000_000_000_000;

    /// <summary>Encoder layers.</summary>
    [Params(1, 2)]
    public int Layers { get; set; }

    /// <summary>Writes the model, loads it, fills every symbol's window.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var schema = FeatureEngine.DefaultSchema;
        int f = schema.Count, d = Width, ff = 2 * Width;
        float[] R(int n, float s = 0.2f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Ones(int n) => [.. Enumerable.Repeat(1f, n)];
        var layers = Enumerable.Range(0, Layers).Select(_ => new TransformerLayerWeights(Ones(d), R(d), R(d * d), R(d), R(d * d), R(d), R(d * d), R(d),
            R(d * d), R(d), Ones(d), R(d), R(ff * d), R(ff), R(d * ff), R(d))).ToList();
        var weights = new TransformerWeights(f, T, d, 2, ff, 3, R(d * f), R(d), R(T * d), layers, Ones(d), R(d), R(3 * d), R(3));
        var model = TransformerModelBuilder.Build(weights, new float[f], Ones(f), 8f);
        var md = new ModelMetadata("bench-transformer", "1", schema.Hash, [.. schema.Features.Select(x => x.Name)], ModelInputKind.Sequence, T,
            ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(2),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, """{"labelling":{"threshold":"0ticks","sampleIntervalMs":250}}""", DateTimeOffset.UnixEpoch, "benchmark")
        { SequenceWindow = new SequenceWindow(Sample, 4, 5_000_000_000) };
        _dir = Directory.CreateTempSubdirectory("hft-transformer-bench-").FullName;
        var path = Path.Combine(_dir, "transformer.onnx");
        OnnxModelFile.Save(model, md, path);
        _session = new ModelLoader(schema, ServingOptions.CpuOnly(Symbols), NullLogger.Instance).Load(path, ModelRole.Direction);
        _ortSession = new ModelLoader(schema, ServingOptions.CpuOnly(Symbols) with { CompileSequences = false }, NullLogger.Instance).Load(path, ModelRole.Direction);
        _compiledRows = (WindowRowServer)_session.SequenceRows!;
        _ortRows = (WindowRowServer)_ortSession.SequenceRows!;
        if (!_compiledRows.Compiled || _ortRows.Compiled) throw new InvalidOperationException("the loader did not pick the compiled encoder for the exporter's graph");
        _server = new WindowServer(_session, Symbols);
        _row = R(f, 1f);
        _rows8 = R(f * Symbols, 1f);
        var ort = new float[3 * Symbols];
        var warm = new bool[Symbols];
        for (int k = 0; k < _server.Window.SpanRows(T) + 8; k++)
        {
            Step(all: true);
            // The same rows through both seams (the row's first feature moves so every snapshot differs); equal scores.
            _rows8[0] = k % 7;
            Keys();
            _compiledRows.Serve(_rows8, _keys, Symbols, f, _scores8, 3, _warming);
            _ortRows.Serve(_rows8, _keys, Symbols, f, ort, 3, warm);
            for (int j = 0; j < ort.Length; j++)
                if (!_warming[0] && !(MathF.Abs(ort[j] - _scores8[j]) <= 1e-5f)) throw new InvalidOperationException($"compiled {_scores8[j]} != ORT {ort[j]} at {j}");
        }
        if (_warming[0]) throw new InvalidOperationException("windows still warming after the span");
    }

    /// <summary>Releases the session and the file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _ortSession.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One decision completing a new window of symbol 0: gather + one ORT run.</summary>
    [Benchmark(Baseline = true)]
    public WindowResult Predict()
    {
        _time += Sample;
        return _server.Predict(0, _time, _row, _scores);
    }

    /// <summary>A new snapshot for each of 8 symbols, scored as one micro-batch.</summary>
    [Benchmark]
    public int Flush8() => Step(all: true);

    /// <summary>One decision through the engine's seam completing a window of symbol 0, ONNX Runtime scoring it.</summary>
    [Benchmark]
    public float ServedOrt() => ServeOne(_ortRows);

    /// <summary>The same decision, the compiled encoder scoring it.</summary>
    [Benchmark]
    public float ServedCompiled() => ServeOne(_compiledRows);

    /// <summary>8 symbols' decisions, each completing a window, as one batch through the compiled seam.</summary>
    [Benchmark]
    public float ServedCompiled8()
    {
        Keys();
        _compiledRows.Serve(_rows8, _keys, Symbols, _row.Length, _scores8, 3, _warming);
        return _scores8[3 * Symbols - 1];
    }

    private float ServeOne(WindowRowServer server)
    {
        _time += Sample;
        _keys[0] = new SequenceRowKey { SymbolId = 0, TimeNs = _time, BookSynced = true };
        server.Serve(_row, _keys.AsSpan(0, 1), 1, _row.Length, _scores, 3, _warming);
        return _scores[2];
    }

    // Each symbol's key one tick of the clock on.
    private void Keys()
    {
        _time += Sample;
        for (int s = 0; s < Symbols; s++) _keys[s] = new SequenceRowKey { SymbolId = s, TimeNs = _time, BookSynced = true };
    }

    private int Step(bool all)
    {
        _time += Sample;
        for (int s = 0; s < (all ? Symbols : 1); s++) _server.Push(s, _time, _row);
        return _server.Flush();
    }
}
