using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using HftScalper.Features.Engine;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Sequence;
using Microsoft.ML.OnnxRuntime;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// One transformer window (60 snapshots x the engine's features, d 32, 2 heads, 1 or 2 layers; random weights) scored
/// by ONNX Runtime (baseline: the serving session options, pinned OrtValues, one run) and by the compiled C# encoder
/// (<see cref="CompiledTransformer"/>, the same graph's initializers): <see cref="Compiled"/> from the raw window,
/// <see cref="CompiledEncoded"/> from snapshots encoded beforehand (the serving path, where each snapshot is encoded
/// once as it arrives: this is a window's cost without that). All must agree within 1e-5 before timing.
/// Target (issue #19): p50 &lt;= 100 µs per window, 0 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TransformerEncoderBenchmarks
{
    private const int T = 60, D = 32;
    private InferenceSession _session = null!;
    private SessionOptions _options = null!;
    private RunOptions _run = null!;
    private OrtValue _input = null!, _output = null!;
    private CompiledTransformer _compiled = null!;
    private float[] _window = null!, _encoded = null!;
    private readonly float[] _ort = new float[3], _scores = new float[3];
    private static readonly string[] InputNames = [OnnxGraph.InputName], OutputNames = [OnnxGraph.ScoresName];
    private OrtValue[] _inputs = null!, _outputs = null!;

    /// <summary>Encoder layers.</summary>
    [Params(1, 2)]
    public int Layers { get; set; }

    /// <summary>Builds the model both ways and checks they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        int f = FeatureEngine.DefaultSchema.Count, ff = 2 * D;
        float[] R(int n, float s = 0.2f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Ones(int n) => [.. Enumerable.Repeat(1f, n)];
        var layers = Enumerable.Range(0, Layers).Select(_ => new TransformerLayerWeights(Ones(D), R(D), R(D * D), R(D), R(D * D), R(D), R(D * D), R(D),
            R(D * D), R(D), Ones(D), R(D), R(ff * D), R(ff), R(D * ff), R(D))).ToList();
        var weights = new TransformerWeights(f, T, D, 2, ff, 3, R(D * f), R(D), R(T * D), layers, Ones(D), R(D), R(3 * D), R(3));
        var model = TransformerModelBuilder.Build(weights, new float[f], Ones(f), 8f);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model.ToByteArray(), _options);
        _run = new RunOptions();
        _window = R(T * f, 1f);
        _input = OrtValue.CreateTensorValueFromMemory(_window, [1, T, f]);
        _output = OrtValue.CreateTensorValueFromMemory(_ort, [1, 3]);
        _inputs = [_input];
        _outputs = [_output];
        _compiled = CompiledTransformer.FromModel(model);
        int w = _compiled.SnapshotWidth;
        _encoded = new float[T * w];
        for (int k = 0; k < T; k++) _compiled.EncodeSnapshot(_window.AsSpan(k * f, f), _encoded.AsSpan(k * w, w));
        Ort();
        Compiled();
        for (int j = 0; j < 3; j++)
            if (MathF.Abs(_ort[j] - _scores[j]) > 1e-5f) throw new InvalidOperationException($"compiled {_scores[j]} != ORT {_ort[j]} at {j}");
        CompiledEncoded();
        for (int j = 0; j < 3; j++)
            if (MathF.Abs(_ort[j] - _scores[j]) > 1e-5f) throw new InvalidOperationException($"encoded {_scores[j]} != ORT {_ort[j]} at {j}");
    }

    /// <summary>Releases ORT objects.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _input.Dispose();
        _output.Dispose();
        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }

    /// <summary>ONNX Runtime, one window.</summary>
    [Benchmark(Baseline = true)]
    public float Ort()
    {
        _session.Run(_run, InputNames, _inputs, OutputNames, _outputs);
        return _ort[2];
    }

    /// <summary>The compiled encoder, one window.</summary>
    [Benchmark]
    public float Compiled()
    {
        _compiled.Predict(_window, _scores);
        return _scores[2];
    }

    /// <summary>The compiled encoder, one window of snapshots already encoded.</summary>
    [Benchmark]
    public float CompiledEncoded()
    {
        _compiled.PredictEncoded(_encoded, _scores);
        return _scores[2];
    }
}
