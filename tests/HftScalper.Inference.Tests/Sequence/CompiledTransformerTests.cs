using System.Runtime.Intrinsics;
using Google.Protobuf;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using Microsoft.ML.OnnxRuntime;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Sequence;

/// <summary>
/// The compiled transformer encoder gives the ORT graph's scores within 1e-5 on random windows (1 and 2 layers,
/// the serving shape: 60 x 76, d 32, 2 heads), from raw windows and from snapshots encoded one by one (the serving
/// path), and a window costs no allocation.
/// </summary>
public sealed class CompiledTransformerTests
{
    private const int T = 60, F = 76, D = 32;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void Scores_equal_the_ort_graph_within_1e5(int layers, int seed)
    {
        var model = Model(layers, seed);
        var compiled = CompiledTransformer.FromModel(model);
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model.ToByteArray(), options);
        var rng = new Random(seed + 10);
        var scores = new float[3];
        var ort = new float[3];
        for (int w = 0; w < 6; w++)
        {
            // Wider each time: the last windows push rows past the clip and the softmaxes towards saturation.
            var window = Enumerable.Range(0, T * F).Select(_ => (float)(rng.NextDouble() * 2 - 1) * (1 + 3 * w)).ToArray();
            using var input = OrtValue.CreateTensorValueFromMemory(window, [1, T, F]);
            using var output = OrtValue.CreateTensorValueFromMemory(ort, [1, 3]);
            using var run = new RunOptions();
            session.Run(run, [OnnxGraph.InputName], [input], [OnnxGraph.ScoresName], [output]);
            compiled.Predict(window, scores);
            for (int j = 0; j < 3; j++)
                Assert.True(MathF.Abs(ort[j] - scores[j]) <= 1e-5f, $"window {w}, class {j}: ORT {ort[j]:R}, compiled {scores[j]:R}");
        }
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    public void Encoded_snapshots_score_the_ort_graphs_window_within_1e5(int layers, int seed)
    {
        var model = Model(layers, seed);
        var compiled = CompiledTransformer.FromModel(model);
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model.ToByteArray(), options);
        var rng = new Random(seed + 20);
        var ort = new float[3];
        var scores = new float[3];
        int w = compiled.SnapshotWidth;
        var encoded = new float[T * w];
        for (int n = 0; n < 6; n++)
        {
            // Rows far from the scaler's mean on later windows (clipped features, saturated softmaxes), and a column offset
            // so the embeddings' means are far from zero (the split of the first norm must not lose digits to it).
            var window = Enumerable.Range(0, T * F).Select(i => (float)(rng.NextDouble() * 2 - 1) * (1 + 3 * n) + (i % F == 3 ? 5f : 0f)).ToArray();
            for (int k = 0; k < T; k++) compiled.EncodeSnapshot(window.AsSpan(k * F, F), encoded.AsSpan(k * w, w));
            compiled.PredictEncoded(encoded, scores);
            using var input = OrtValue.CreateTensorValueFromMemory(window, [1, T, F]);
            using var output = OrtValue.CreateTensorValueFromMemory(ort, [1, 3]);
            using var run = new RunOptions();
            session.Run(run, [OnnxGraph.InputName], [input], [OnnxGraph.ScoresName], [output]);
            for (int j = 0; j < 3; j++)
                Assert.True(MathF.Abs(ort[j] - scores[j]) <= 1e-5f, $"window {n}, class {j}: ORT {ort[j]:R}, encoded {scores[j]:R}");
        }
    }

    [Fact]
    public void A_window_allocates_nothing()
    {
        var compiled = CompiledTransformer.FromModel(Model(1, 3));
        var window = Enumerable.Range(0, T * F).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var scores = new float[3];
        var encoded = new float[T * compiled.SnapshotWidth];
        for (int k = 0; k < 20; k++)
        {
            compiled.Predict(window, scores);
            compiled.EncodeSnapshot(window.AsSpan(0, F), encoded.AsSpan(0, compiled.SnapshotWidth));
            compiled.PredictEncoded(encoded, scores);
        }
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int k = 0; k < 500; k++) compiled.Predict(window, scores);
            for (int k = 0; k < 500; k++)
            {
                compiled.EncodeSnapshot(window.AsSpan(k % T * F, F), encoded.AsSpan(k % T * compiled.SnapshotWidth, compiled.SnapshotWidth));
                compiled.PredictEncoded(encoded, scores);
            }
        }));
        Assert.True(scores.All(float.IsFinite));
    }

    [Fact]
    public void The_vector_exponential_is_within_3e7_relative_of_the_exact_one_over_the_softmax_range()
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported || !System.Runtime.Intrinsics.X86.Avx2.IsSupported) return; // the scalar path uses MathF.Exp
        double worst = 0;
        var lanes = new float[8];
        for (int i = 0; i <= 880_000; i++)
        {
            float x = -87f + i * 1e-4f;
            TransformerKernels.Exp(Vector256.Create(x)).CopyTo(lanes);
            double exact = Math.Exp(x);
            worst = Math.Max(worst, Math.Abs(lanes[5] - exact) / exact);
        }
        Assert.True(worst <= 3e-7, $"largest relative error {worst:G3}");
        TransformerKernels.Exp(Vector256.Create(-1000f)).CopyTo(lanes);
        Assert.True(lanes[0] is >= 0f and < 1e-37f);
    }

    [Fact]
    public void A_graph_that_is_not_a_transformer_window_model_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => CompiledTransformer.FromModel(new ModelProto { Graph = new GraphProto() }));
    }

    internal static ModelProto Model(int layers, int seed)
    {
        var rng = new Random(seed);
        int ff = 2 * D;
        float[] R(int n, float s = 0.2f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Around1(int n) => [.. Enumerable.Range(0, n).Select(_ => 1f + (float)(rng.NextDouble() - 0.5) * 0.4f)];
        var l = Enumerable.Range(0, layers).Select(_ => new TransformerLayerWeights(Around1(D), R(D), R(D * D), R(D), R(D * D), R(D), R(D * D), R(D),
            R(D * D), R(D), Around1(D), R(D), R(ff * D), R(ff), R(D * ff), R(D))).ToList();
        var weights = new TransformerWeights(F, T, D, 2, ff, 3, R(D * F), R(D), R(T * D), l, Around1(D), R(D), R(3 * D), R(3));
        return TransformerModelBuilder.Build(weights, R(F, 0.5f), [.. Enumerable.Range(0, F).Select(j => 0.5f + j % 4 * 0.5f)], 8f);
    }
}
