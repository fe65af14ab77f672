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
/// Micro-batching the compiled transformer across symbols: <see cref="Symbols"/> symbols' decisions, each completing a
/// new window (60 x the engine's features, d 32, 2 heads, 1 layer, random weights), served as one
/// <see cref="WindowRowServer.Serve"/> call (the windows scored in one encoder pass: output projection and feed-forward
/// over all their rows at once) against the per-symbol baseline (one call of one row per symbol, each window scored
/// alone; <see cref="WindowRowServer.MicroBatching"/> off). Figures are per decision (<c>OperationsPerInvoke</c> = 8
/// decisions). Before timing, both give the same bits.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TransformerMicroBatchBenchmarks
{
    private const int T = 60, Width = 32;
    private const long Sample = 250_000_000;
    private string _dir = null!;
    private ModelSession _perSymbolSession = null!, _batchedSession = null!;
    private WindowRowServer _perSymbol = null!, _batched = null!;
    private float[] _rows = null!, _scores = null!;
    private bool[] _warming = null!;
    private SequenceRowKey[] _keys = null!;
    private int _f;
    private long _time = 1_000_000_000_000;

    /// <summary>Symbols whose decisions are due in the same batch.</summary>
    [Params(2, 4, 8)]
    public int Symbols { get; set; }

    /// <summary>Writes the model, loads it twice (one server per path), fills every symbol's window and checks both
    /// paths give the same bits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var schema = FeatureEngine.DefaultSchema;
        int f = _f = schema.Count, d = Width, ff = 2 * Width;
        float[] R(int n, float s = 0.2f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Ones(int n) => [.. Enumerable.Repeat(1f, n)];
        var layers = new List<TransformerLayerWeights> { new(Ones(d), R(d), R(d * d), R(d), R(d * d), R(d), R(d * d), R(d),
            R(d * d), R(d), Ones(d), R(d), R(ff * d), R(ff), R(d * ff), R(d)) };
        var weights = new TransformerWeights(f, T, d, 2, ff, 3, R(d * f), R(d), R(T * d), layers, Ones(d), R(d), R(3 * d), R(3));
        var model = TransformerModelBuilder.Build(weights, new float[f], Ones(f), 8f);
        var md = new ModelMetadata("bench-transformer", "1", schema.Hash, [.. schema.Features.Select(x => x.Name)], ModelInputKind.Sequence, T,
            ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(2),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, """{"labelling":{"threshold":"0ticks","sampleIntervalMs":250}}""", DateTimeOffset.UnixEpoch, "benchmark")
        { SequenceWindow = new SequenceWindow(Sample, 4, 5_000_000_000) };
        _dir = Directory.CreateTempSubdirectory("hft-transformer-batch-bench-").FullName;
        var path = Path.Combine(_dir, "transformer.onnx");
        OnnxModelFile.Save(model, md, path);
        _perSymbolSession = new ModelLoader(schema, ServingOptions.CpuOnly(8), NullLogger.Instance).Load(path, ModelRole.Direction);
        _batchedSession = new ModelLoader(schema, ServingOptions.CpuOnly(8), NullLogger.Instance).Load(path, ModelRole.Direction);
        _perSymbol = (WindowRowServer)_perSymbolSession.SequenceRows!;
        _batched = (WindowRowServer)_batchedSession.SequenceRows!;
        if (!_perSymbol.Compiled || !_batched.Compiled) throw new InvalidOperationException("the loader did not pick the compiled encoder for the exporter's graph");
        _perSymbol.MicroBatching = false;
        _rows = R(Symbols * f, 1f);
        _scores = new float[Symbols * 3];
        _warming = new bool[Symbols];
        _keys = new SequenceRowKey[Symbols];
        var check = new float[Symbols * 3];
        for (int k = 0; k < _batched.SpanRows + 8; k++)
        {
            _rows[0] = k % 7; // every snapshot differs
            _time += Sample;
            PerSymbolRound(_time);
            Array.Copy(_scores, check, check.Length);
            BatchedRound(_time);
            for (int i = 0; i < check.Length; i++)
                if (BitConverter.SingleToInt32Bits(check[i]) != BitConverter.SingleToInt32Bits(_scores[i]))
                    throw new InvalidOperationException($"micro-batched score {_scores[i]} != per-symbol {check[i]} at {i}");
        }
        if (_warming[0] || _batched.BatchedRows == 0) throw new InvalidOperationException("windows still warming, or none micro-batched");
    }

    /// <summary>Releases the sessions and the file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _perSymbolSession.Dispose();
        _batchedSession.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One call per symbol, one row each, each completing a window (8 decisions: 8 / <see cref="Symbols"/> rounds).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public float PerSymbol()
    {
        for (int r = 0; r < 8 / Symbols; r++) PerSymbolRound(_time += Sample);
        return _scores[2];
    }

    /// <summary>One call for all the symbols' rows, their windows in one pass (8 decisions: 8 / <see cref="Symbols"/> calls).</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public float MicroBatched()
    {
        for (int r = 0; r < 8 / Symbols; r++) BatchedRound(_time += Sample);
        return _scores[2];
    }

    private void PerSymbolRound(long t)
    {
        var key = _keys.AsSpan(0, 1);
        for (int s = 0; s < Symbols; s++)
        {
            key[0] = new SequenceRowKey { SymbolId = s, TimeNs = t, BookSynced = true };
            _perSymbol.Serve(_rows.AsSpan(s * _f, _f), key, 1, _f, _scores.AsSpan(s * 3, 3), 3, _warming.AsSpan(s, 1));
        }
    }

    private void BatchedRound(long t)
    {
        for (int s = 0; s < Symbols; s++) _keys[s] = new SequenceRowKey { SymbolId = s, TimeNs = t, BookSynced = true };
        _batched.Serve(_rows, _keys, Symbols, _f, _scores, 3, _warming);
    }
}
