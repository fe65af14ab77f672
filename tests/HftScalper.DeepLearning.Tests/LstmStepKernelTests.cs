using Google.Protobuf;
using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HftScalper.Tests.Shared;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// The compiled LSTM step (AVX2/FMA3 kernel with ORT's own MLAS activations) equals ONNX Runtime's one-step graph
/// within 1e-6 in scores, h and c at every step of long runs, each carrying its own state; the scalar fallback gives
/// the same bits as the vector kernel; a served step allocates nothing.
/// </summary>
public sealed class LstmStepKernelTests
{
    private const float Tolerance = 1e-6f;
    private static readonly Lazy<FeatureMatrix> Rows = new(() =>
        ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { }).Samples);

    [Theory]
    [InlineData(64, 1)]
    [InlineData(24, 2)]
    [InlineData(20, 3)] // not a multiple of 8: the scalar kernel serves it
    public void Each_step_equals_the_ort_step_graph_within_1e6_over_500_random_rows(int hidden, int seed)
    {
        const int f = 32, steps = 500;
        var rng = new Random(seed);
        // Rows far from the fitted scaler's range so gates saturate and clipping bites on some steps.
        var rows = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, f).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray()).ToArray();
        var scaler = new FeatureScaler(new float[f], [.. Enumerable.Range(0, f).Select(j => 0.5f + j % 3)]);
        AssertStepsEqualOrt(Network(f, hidden, seed), scaler, rows, $"random, h{hidden}");
    }

    [Fact]
    public void Each_step_equals_the_ort_step_graph_within_1e6_over_the_simulated_market_rows()
    {
        var matrix = Rows.Value;
        var rows = Enumerable.Range(0, matrix.Rows).Select(k => matrix.Row(k).ToArray()).ToArray();
        var scaler = FeatureScaler.Fit(matrix, Enumerable.Range(0, matrix.Rows / 2));
        AssertStepsEqualOrt(Network(matrix.Width, 64, 9), scaler, rows, "market rows, h64");
    }

    [Theory]
    [InlineData("Tanh")]
    [InlineData("Sigmoid")]
    public void The_activations_give_ort_kernels_bits(string op)
    {
        // -20 .. 20 in steps of about 1e-3, plus both clamps' neighbourhoods.
        var x = Enumerable.Range(-20_000, 40_001).Select(i => i * 0.001003f).Concat([-9f, 9f, -18f, 18f, 0f]).ToArray();
        var graph = new GraphProto { Name = op };
        graph.Input.Add(OnnxGraph.BatchedTensor("x", TensorProto.Types.DataType.Float, x.Length));
        graph.Node.Add(OnnxGraph.Node(op, op, ["x"], ["y"]));
        graph.Output.Add(OnnxGraph.BatchedTensor("y", TensorProto.Types.DataType.Float, x.Length));
        using var session = new InferenceSession(OnnxGraph.Model(graph, usesMlDomain: false).ToByteArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x, [1, x.Length]))]);
        var ort = results.First().AsEnumerable<float>().ToArray();
        var lanes = new float[8];
        for (int i = 0; i < x.Length; i++)
        {
            float scalar = op == "Tanh" ? MlasTanh.Evaluate(x[i]) : MlasLogistic.Evaluate(x[i]);
            Assert.True(ort[i] == scalar, $"{op}({x[i]:R}): ORT {ort[i]:R}, ours {scalar:R}");
            if (!Fma.IsSupported || !Avx2.IsSupported) continue;
            var v = Vector256.Create(x[i]);
            (op == "Tanh" ? MlasTanh.Evaluate(v) : MlasLogistic.Evaluate(v)).CopyTo(lanes);
            Assert.Equal(scalar, lanes[3]);
        }
    }

    [Fact]
    public void The_scalar_fallback_gives_the_vector_kernels_bits()
    {
        var matrix = Rows.Value;
        var proto = LstmOnnxExporter.Window(Network(matrix.Width, 64, 4), FeatureScaler.Fit(matrix, Enumerable.Range(0, matrix.Rows)), 1);
        var simd = LstmStepModel.FromModel(proto, vectorised: true);
        var scalar = LstmStepModel.FromModel(proto, vectorised: false);
        Assert.False(scalar.Vectorised);
        if (!Avx2.IsSupported || !Fma.IsSupported) return; // nothing to compare against: the scalar path is the only one
        Assert.True(simd.Vectorised);
        var (h1, c1, s1, x1) = (new float[64], new float[64], new float[3], new float[simd.ScratchLength]);
        var (h2, c2, s2, x2) = (new float[64], new float[64], new float[3], new float[scalar.ScratchLength]);
        for (int k = 0; k < 3 * matrix.Rows; k++)
        {
            var row = matrix.Row(k % matrix.Rows);
            simd.Step(row, h1, c1, s1, x1);
            scalar.Step(row, h2, c2, s2, x2);
            Assert.Equal(h2, h1);
            Assert.Equal(c2, c1);
            Assert.Equal(s2, s1);
        }
    }

    [Fact]
    public void A_served_h64_step_allocates_nothing()
    {
        var matrix = Rows.Value;
        var model = LstmStepModel.FromModel(LstmOnnxExporter.Window(Network(matrix.Width, 64, 6), FeatureScaler.Fit(matrix, Enumerable.Range(0, matrix.Rows)), 1));
        var server = new LstmRowServer(model, null, sampleIntervalNs: 0, maxGapNs: long.MaxValue);
        var keys = new SequenceRowKey[1];
        var scores = new float[3];
        for (int k = 0; k < 200; k++) Serve(server, matrix, k, keys, scores);
        long bytes = SteadyStateAllocation.FewestBytes(_ =>
        {
            for (int k = 0; k < 20_000; k++) Serve(server, matrix, k, keys, scores);
        }, out int passes);
        Assert.Equal(0, bytes);
        Assert.Equal(200 + 20_000 * passes, server.KeptSteps);
    }

    private static void Serve(LstmRowServer server, FeatureMatrix rows, int k, SequenceRowKey[] keys, float[] scores)
    {
        keys[0] = new SequenceRowKey { SymbolId = k & 1, TimeNs = keys[0].TimeNs + 1, BookSynced = true };
        Assert.True(server.Serve(rows.Row(k % rows.Rows), keys, 1, rows.Width, scores, 3));
    }

    // Both sides carry their own state from zero: ORT feeds back its h_out/c_out, the kernel its h/c.
    private static void AssertStepsEqualOrt(LstmTorchWeights w, FeatureScaler scaler, float[][] rows, string what)
    {
        int f = w.Inputs, n = w.Hidden;
        var model = LstmStepModel.FromModel(LstmOnnxExporter.Window(w, scaler, 1));
        using var session = new InferenceSession(LstmOnnxExporter.Step(w, scaler).ToByteArray());
        var (h, c, scores, scratch) = (new float[n], new float[n], new float[3], new float[model.ScratchLength]);
        var (ortH, ortC) = (new float[n], new float[n]);
        float worst = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            using var results = session.Run([
                NamedOnnxValue.CreateFromTensor(OnnxGraph.InputName, new DenseTensor<float>(rows[k], [1, f])),
                NamedOnnxValue.CreateFromTensor(LstmOnnxExporter.HiddenIn, new DenseTensor<float>(ortH.ToArray(), [1, n])),
                NamedOnnxValue.CreateFromTensor(LstmOnnxExporter.CellIn, new DenseTensor<float>(ortC.ToArray(), [1, n]))]);
            var ortScores = results.First(r => r.Name == OnnxGraph.ScoresName).AsEnumerable<float>().ToArray();
            ortH = results.First(r => r.Name == LstmOnnxExporter.HiddenOut).AsEnumerable<float>().ToArray();
            ortC = results.First(r => r.Name == LstmOnnxExporter.CellOut).AsEnumerable<float>().ToArray();
            model.Step(rows[k], h, c, scores, scratch);
            float ds = MaxDiff(ortScores, scores), dh = MaxDiff(ortH, h), dc = MaxDiff(ortC, c);
            worst = MathF.Max(worst, MathF.Max(ds, MathF.Max(dh, dc)));
            Assert.True(worst <= Tolerance, $"{what}: step {k} differs from ORT by {worst:G3} (scores {ds:G3}, h {dh:G3}, c {dc:G3}, |c| max {c.Max(MathF.Abs):G3})");
        }
    }

    private static float MaxDiff(float[] a, float[] b)
    {
        float d = 0;
        for (int i = 0; i < a.Length; i++) d = MathF.Max(d, MathF.Abs(a[i] - b[i]));
        return d;
    }

    private static LstmTorchWeights Network(int f, int hidden, int seed)
    {
        var rng = new Random(seed);
        float[] R(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.6f)];
        return new LstmTorchWeights(f, hidden, 3, R(4 * hidden * f), R(4 * hidden * hidden), R(4 * hidden), R(4 * hidden), R(3 * hidden), R(3));
    }
}
