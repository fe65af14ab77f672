using Google.Protobuf;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;
using HftScalper.Tests.Shared;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// The windowed server cuts the windows training cuts (sampling clock, stride, gap rule), scores them as a full ONNX
/// Runtime run does, refills after a gap, resync or model swap before serving again, micro-batches symbols, and
/// allocates nothing per call. Random transformer weights: equality needs no training.
/// </summary>
public sealed class WindowServerTests : IDisposable
{
    private const int T = 8, Stride = 3, Span = (T - 1) * Stride + 1;
    private const long Sample = 250_000_000, MaxGap = 2_000_000_000;
    private static readonly Lazy<ReplayDataset> Data = new(() =>
        ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, Sample, log: _ => { }));
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-window-").FullName;
    private readonly ModelProto _model;
    private readonly ModelSession _session;

    public WindowServerTests()
    {
        var data = Data.Value;
        _model = Model(data.Samples, T, new SequenceWindow(Sample, Stride, MaxGap));
        var path = Path.Combine(_dir, "transformer.onnx");
        File.WriteAllBytes(path, _model.ToByteArray());
        _session = new ModelLoader(data.Schema, ServingOptions.CpuOnly(4), NullLogger.Instance).Load(path);
    }

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Served_scores_are_the_full_onnx_run_on_the_training_window_and_only_training_windows_are_served()
    {
        var rows = Data.Value.Samples;
        var server = new WindowServer(_session, symbols: 1);
        var trainingEnds = SequenceWindows.Ends(rows.TimesNs, Enumerable.Range(0, rows.Rows), T, MaxGap, Stride).ToHashSet();
        var scored = new List<(int Row, float[] Scores)>();
        var scores = new float[3];
        for (int r = 0; r < rows.Rows; r++)
        {
            var result = server.Predict(0, rows.TimesNs[r], rows.Row(r), scores);
            Assert.Equal(trainingEnds.Contains(r) ? WindowResult.Scored : WindowResult.NotReady, result);
            if (result == WindowResult.Scored) scored.Add((r, (float[])scores.Clone()));
        }
        Assert.True(scored.Count > 100, $"{scored.Count} windows served");

        using var session = new InferenceSession(_model.ToByteArray());
        int w = rows.Width;
        var input = new float[scored.Count * T * w];
        for (int i = 0; i < scored.Count; i++) WindowTrainer.Gather(rows.Values, w, T, Stride, scored[i].Row, input.AsSpan(i * T * w, T * w));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(input, [scored.Count, T, w]))]);
        var full = results.First(x => x.Name == "scores").AsEnumerable<float>().ToArray();
        double worst = 0;
        for (int i = 0; i < scored.Count; i++)
            for (int j = 0; j < 3; j++) worst = Math.Max(worst, Math.Abs(full[i * 3 + j] - scored[i].Scores[j]));
        Assert.True(worst < 1e-5, $"largest |full run - served| = {worst}");
        Assert.True(full.Where((_, i) => i % 3 == 2).Distinct().Count() > 10, "the scores do not move: a degenerate model");
    }

    [Fact]
    public void A_gap_empties_the_ring_and_the_model_is_not_served_until_the_window_has_refilled()
    {
        var rows = Data.Value.Samples;
        var server = new WindowServer(_session, symbols: 2);
        var scores = new float[3];
        long t = 1_000_000_000_000;
        for (int k = 0; k < Span; k++) server.Predict(0, t + k * Sample, rows.Row(k), scores);
        Assert.True(server.IsReady(0));

        // A row between two clock ticks is not a snapshot: the last window's scores are held.
        var held = new float[3];
        Assert.Equal(WindowResult.Held, server.Predict(0, t + (Span - 1) * Sample + 1, rows.Row(0), held));
        Assert.Equal(scores, held);

        // 10 s of silence: the ring restarts; nothing is served for the next Span-1 snapshots.
        long after = t + (Span - 1) * Sample + 10_000_000_000;
        var fresh = new WindowServer(_session, symbols: 1);
        var expected = new float[3];
        for (int k = 0; k < Span; k++)
        {
            var result = server.Predict(0, after + k * Sample, rows.Row(50 + k), scores);
            var reference = fresh.Predict(0, after + k * Sample, rows.Row(50 + k), expected);
            Assert.Equal(k < Span - 1 ? WindowResult.NotReady : WindowResult.Scored, result);
            Assert.Equal(reference, result);
            Assert.False(k < Span - 1 && server.TryGetScores(0, held), "scores of the window before the gap were still served");
        }
        Assert.Equal(1, server.GapResets);
        Assert.Equal(expected, scores);

        // Time going backwards restarts too; so do a resync (Reset) and a model swap (ResetAll).
        Assert.Equal(WindowResult.NotReady, server.Predict(0, after, rows.Row(1), scores));
        Assert.Equal(2, server.GapResets);
        Assert.Equal(1, server.Snapshots(0));
        for (int k = 1; k < Span; k++) server.Predict(0, after + k * Sample, rows.Row(k), scores);
        Assert.True(server.IsReady(0));
        server.Reset(0);
        Assert.False(server.IsReady(0));
        Assert.False(server.TryGetScores(0, scores));
        server.Predict(1, t, rows.Row(0), scores);
        server.ResetAll();
        Assert.Equal(0, server.Snapshots(1));
    }

    [Fact]
    public void Flush_scores_every_symbol_with_a_new_snapshot_in_micro_batches_as_single_calls_do()
    {
        var rows = Data.Value.Samples;
        const int Symbols = 6; // more than the session's batch of 4: two micro-batches
        var batched = new WindowServer(_session, Symbols);
        var single = new WindowServer(_session, Symbols);
        var a = new float[3];
        var b = new float[3];
        long t = 5_000_000_000_000;
        for (int k = 0; k < Span + 5; k++)
        {
            for (int s = 0; s < Symbols; s++)
            {
                batched.Push(s, t + k * Sample, rows.Row(s * 10 + k));
                single.Predict(s, t + k * Sample, rows.Row(s * 10 + k), b);
            }
            Assert.Equal(k >= Span - 1 ? Symbols : 0, batched.Flush());
            for (int s = 0; s < Symbols && k >= Span - 1; s++)
            {
                Assert.True(batched.TryGetScores(s, a));
                Assert.True(single.TryGetScores(s, b));
                for (int j = 0; j < 3; j++) Assert.True(Math.Abs(a[j] - b[j]) < 1e-6, $"symbol {s} step {k}: batched {a[j]} single {b[j]}");
            }
        }
        Assert.Equal(0, batched.Flush());
    }

    [Fact]
    public void A_call_allocates_nothing()
    {
        var rows = Data.Value.Samples;
        var server = new WindowServer(_session, symbols: 3);
        var scores = new float[3];
        long t = 9_000_000_000_000;
        int k = 0;
        void Calls(int n)
        {
            for (int i = 0; i < n; i++, k++)
            {
                long time = t + k * Sample / 2; // every other row is between ticks (held)
                server.Predict(k % 3, time, rows.Row(k % rows.Rows), scores);
                if (k % 7 == 0) { server.Push((k + 1) % 3, time, rows.Row(k % rows.Rows)); server.Flush(); }
            }
        }
        Calls(400);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() => Calls(2000)));
        Assert.Equal(0, server.FailedRuns);
    }

    [Fact]
    public void A_sequence_model_without_a_window_or_a_tabular_model_is_refused()
    {
        var data = Data.Value;
        var path = Path.Combine(_dir, "nowindow.onnx");
        File.WriteAllBytes(path, Model(data.Samples, T, null).ToByteArray());
        using var session = new ModelLoader(data.Schema, ServingOptions.CpuOnly(1), NullLogger.Instance).Load(path);
        Assert.Throws<ArgumentException>(() => new WindowServer(session, 1));
        Assert.NotNull(new WindowServer(session, 1, new SequenceWindow(Sample, 1, MaxGap)));
    }

    // Seeded random weights, a scaler fitted on the rows, the tree contract's metadata plus the window.
    internal static ModelProto Model(FeatureMatrix rows, int t, SequenceWindow? window, int width = 16, int layers = 2)
    {
        var rng = new Random(5);
        float[] R(int n, float scale = 0.3f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5) * 2 * scale)];
        float[] Ones(int n) => [.. Enumerable.Range(0, n).Select(_ => 1f + (float)(rng.NextDouble() - 0.5) * 0.2f)];
        int f = rows.Width, d = width, ff = 2 * width;
        var layerWeights = Enumerable.Range(0, layers).Select(_ => new TransformerLayerWeights(
            Ones(d), R(d, 0.05f), R(d * d), R(d, 0.05f), R(d * d), R(d, 0.05f), R(d * d), R(d, 0.05f), R(d * d), R(d, 0.05f),
            Ones(d), R(d, 0.05f), R(ff * d), R(ff, 0.05f), R(d * ff), R(d, 0.05f))).ToList();
        var weights = new TransformerWeights(f, t, d, 2, ff, 3, R(d * f), R(d, 0.05f), R(t * d, 0.1f), layerWeights, Ones(d), R(d, 0.05f), R(3 * d, 1f), R(3, 0.1f));
        var scaler = FeatureScaler.Fit(rows, Enumerable.Range(0, rows.Rows));
        var model = TransformerModelBuilder.Build(weights, scaler.Mean, scaler.Scale, FeatureScaler.Limit);
        var schema = Data.Value.Schema;
        var metadata = new ModelMetadata("transformer-test", "1", schema.Hash, [.. schema.Features.Select(x => x.Name)], ModelInputKind.Sequence, t,
            ModelOutputKind.Classification, DirectionClass.Names, OnnxGraph.ScoresName, TimeSpan.FromSeconds(2),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, """{"labelling":{"threshold":"0ticks","sampleIntervalMs":250}}""", DateTimeOffset.UnixEpoch, "test")
        { SequenceWindow = window };
        OnnxModelFile.SetMetadata(model, metadata);
        return model;
    }
}
