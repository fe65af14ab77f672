using BenchmarkDotNet.Attributes;
using HftScalper.Features.Schema;
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
/// An LSTM direction model served per decision three ways: the ONNX Runtime window run (<see cref="ModelSession.Predict"/>
/// over the last <see cref="Window"/> rows, what a stateless server would do per decision; baseline), ONNX Runtime's
/// one-step graph carrying h/c (<see cref="OrtLstmStep"/>) and the engine's stateful step (<see cref="LstmRowServer.Serve"/>:
/// one step of the symbol's carried h/c by the compiled AVX2/FMA3 kernel, then the head and softmax).
/// The anchors on this machine kind: ~54 µs per window call (60 x 32, h64) and ~5.4 µs per ORT step; target
/// for the C# step: p50 ≤ 6 µs and 0 B. Before timing, stepping the window's rows from zero state must give the window
/// model's scores (the loader checks the same on load).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LstmStepBenchmarks
{
    private const int F = 32;
    private string _dir = null!;
    private ModelSession _session = null!;
    private LstmRowServer _steps = null!;
    private OrtLstmStep _ortStep = null!;
    private float[] _window = null!, _scores = null!;
    private SequenceRowKey[] _key = null!;
    private long _time;
    private int _next;

    /// <summary>Rows per window of the ONNX model.</summary>
    [Params(60)]
    public int Window { get; set; }

    /// <summary>Hidden units.</summary>
    [Params(32, 64)]
    public int Hidden { get; set; }

    /// <summary>Writes and loads the model (the loader attaches the step after checking it against ORT).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var schema = new FeatureSchema(1, Enumerable.Range(0, F).Select(i => new FeatureDefinition($"f{i}", "unit")));
        float[] R(int n, float s) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        int h = Hidden;
        var lstm = new LstmWeights(F, h, R(4 * h * F, 0.2f), R(4 * h * h, 0.2f), R(4 * h, 0.1f), R(4 * h, 0.1f));
        var head = new DenseLayer(h, 3, R(3 * h, 0.5f), R(3, 0.1f));
        var model = LstmModelBuilder.Build(lstm, head, Window, OutputActivation.Softmax);
        _ortStep = new OrtLstmStep(lstm, head);
        var md = new ModelMetadata("lstm-bench", "1", schema.Hash, [.. schema.Features.Select(f => f.Name)], ModelInputKind.Sequence, Window,
            ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(5), DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch, "{\"labelling\":{\"threshold\":\"0ticks\",\"sampleIntervalMs\":0,\"maxGapMs\":5000}}", DateTimeOffset.UnixEpoch, "benchmark");
        _dir = Directory.CreateTempSubdirectory("hft-lstm-bench-").FullName;
        var path = Path.Combine(_dir, "lstm.onnx");
        OnnxModelFile.Save(model, md, path);
        _session = new ModelLoader(schema, ServingOptions.CpuOnly(1), NullLogger.Instance).Load(path, ModelRole.Direction);
        _steps = _session.LstmSteps ?? throw new InvalidOperationException("no LSTM step attached");
        _window = R(Window * F, 1f);
        _scores = new float[3];
        _key = new SequenceRowKey[1];

        // Correctness before timing: the window's rows stepped from zero state = the window model.
        var full = new float[3];
        if (_session.Predict(_window, 1, full) != PredictStatus.Ok) throw new InvalidOperationException("window run failed");
        for (int k = 0; k < Window; k++) Step();
        for (int j = 0; j < 3; j++)
            if (MathF.Abs(full[j] - _scores[j]) > 2e-5f) throw new InvalidOperationException($"step {_scores[j]} != window {full[j]} at {j}");
        // ... and ORT's step graph over the same rows from zero state gives the same scores.
        var ortScores = new float[3];
        for (int k = 0; k < Window; k++) _ortStep.Step(_window.AsSpan(k * F, F), ortScores);
        for (int j = 0; j < 3; j++)
            if (MathF.Abs(full[j] - ortScores[j]) > 2e-5f) throw new InvalidOperationException($"ORT step {ortScores[j]} != window {full[j]} at {j}");
    }

    /// <summary>Releases the session and the file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ortStep.Dispose();
        _session.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Stateless serving: the whole window through ONNX Runtime per decision.</summary>
    [Benchmark(Baseline = true)]
    public float OrtWindow()
    {
        if (_session.Predict(_window, 1, _scores) != PredictStatus.Ok) throw new InvalidOperationException("window run failed");
        return _scores[2];
    }

    /// <summary>ONNX Runtime's one-step graph, h/c carried (rows cycle through the window).</summary>
    [Benchmark]
    public float OrtStep()
    {
        var row = _window.AsSpan(_next * F, F);
        _next = _next + 1 == Window ? 0 : _next + 1;
        _ortStep.Step(row, _scores);
        return _scores[2];
    }

    /// <summary>The engine's per-decision cost: one step of the carried state (rows cycle through the window, 1 ms apart).</summary>
    [Benchmark]
    public float Step()
    {
        _key[0] = new SequenceRowKey { SymbolId = 0, TimeNs = _time += 1_000_000, BookSynced = true };
        var row = _window.AsSpan(_next * F, F);
        _next = _next + 1 == Window ? 0 : _next + 1;
        if (!_steps.Serve(row, _key, 1, F, _scores, 3)) throw new InvalidOperationException("step failed");
        return _scores[2];
    }
}
