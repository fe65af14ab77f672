using BenchmarkDotNet.Attributes;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Sequence;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// Micro-batching the LSTM step across symbols: <see cref="Symbols"/> symbols' decisions due together, served as one
/// <see cref="LstmRowServer.Serve"/> call (rows of different symbols stepped two at a time, one pass over the weights
/// for both) against the per-symbol baseline (one call of one row per symbol, as a batch of one is served). Figures are
/// per decision (<c>OperationsPerInvoke</c> = symbols). Before timing, both give the same bits.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LstmMicroBatchBenchmarks
{
    private const int F = 32;
    private LstmRowServer _perSymbol = null!, _batched = null!;
    private float[] _rows = null!, _scores = null!;
    private SequenceRowKey[] _keys = null!;
    private long _time;

    /// <summary>Symbols whose decisions are due in the same batch.</summary>
    [Params(2, 4, 8)]
    public int Symbols { get; set; }

    /// <summary>Hidden units.</summary>
    [Params(64)]
    public int Hidden { get; set; }

    /// <summary>Builds the step from a random-weight LSTM graph (60 x 32 features) and checks both paths agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        float[] R(int n, float s) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        int h = Hidden;
        var model = LstmStepModel.FromModel(LstmModelBuilder.Build(new LstmWeights(F, h, R(4 * h * F, 0.2f), R(4 * h * h, 0.2f), R(4 * h, 0.1f), R(4 * h, 0.1f)),
            new DenseLayer(h, 3, R(3 * h, 0.5f), R(3, 0.1f)), 60, OutputActivation.Softmax));
        _perSymbol = new LstmRowServer(model, null, 0, long.MaxValue) { MicroBatching = false };
        _batched = new LstmRowServer(model, null, 0, long.MaxValue);
        _rows = R(Symbols * F, 1f);
        _scores = new float[Symbols * 3];
        _keys = new SequenceRowKey[Symbols];
        var check = new float[Symbols * 3];
        for (int k = 1; k <= 50; k++)
        {
            PerSymbolRound(k);
            Array.Copy(_scores, check, check.Length);
            BatchedRound(k);
            for (int i = 0; i < check.Length; i++)
                if (BitConverter.SingleToInt32Bits(check[i]) != BitConverter.SingleToInt32Bits(_scores[i]))
                    throw new InvalidOperationException($"micro-batched score {_scores[i]} != per-symbol {check[i]} at {i}");
        }
        _time = 50;
    }

    /// <summary>One call per symbol, one row each (8 decisions: 8 / <see cref="Symbols"/> rounds).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public float PerSymbol()
    {
        for (int r = 0; r < 8 / Symbols; r++) PerSymbolRound(++_time);
        return _scores[2];
    }

    /// <summary>One call for all the symbols' rows (8 decisions: 8 / <see cref="Symbols"/> calls).</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public float MicroBatched()
    {
        for (int r = 0; r < 8 / Symbols; r++) BatchedRound(++_time);
        return _scores[2];
    }

    private void PerSymbolRound(long t)
    {
        var key = _keys.AsSpan(0, 1);
        for (int s = 0; s < Symbols; s++)
        {
            key[0] = new SequenceRowKey { SymbolId = s, TimeNs = t, BookSynced = true };
            _perSymbol.Serve(_rows.AsSpan(s * F, F), key, 1, F, _scores.AsSpan(s * 3, 3), 3);
        }
    }

    private void BatchedRound(long t)
    {
        for (int s = 0; s < Symbols; s++) _keys[s] = new SequenceRowKey { SymbolId = s, TimeNs = t, BookSynced = true };
        _batched.Serve(_rows, _keys, Symbols, F, _scores, 3);
    }
}
