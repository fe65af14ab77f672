using Google.Protobuf;
using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using HftScalper.Tests.Shared;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// The stateful step (h, c carried per symbol) replays to the outputs of the full-sequence ONNX model (ORT) over
/// the rows since the last restart; gaps, resync and model swap restart it; a step allocates nothing.
/// </summary>
public sealed class LstmStepServerTests
{
    private const int Hidden = 16;
    private static readonly Lazy<FeatureMatrix> Rows = new(() =>
        ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { }).Samples);

    [Fact]
    public void Stepping_rows_from_reset_gives_the_full_sequence_model_output_at_every_length()
    {
        var rows = Rows.Value;
        var (weights, scaler) = Network(rows);
        var server = new LstmStepServer(LstmStepModel.FromModel(LstmOnnxExporter.Window(weights, scaler, 1)), symbols: 2, maxGapNs: long.MaxValue);
        var stepped = new float[3];
        int[] checkAt = [1, 2, 8, 20, 45];
        for (int k = 1; k <= checkAt[^1]; k++)
        {
            Assert.True(server.Step(1, rows.TimesNs[k - 1], rows.Row(k - 1), stepped));
            if (!checkAt.Contains(k)) continue;
            var full = Ort(LstmOnnxExporter.Window(weights, scaler, k), rows, 0, k);
            for (int j = 0; j < 3; j++) Assert.True(Math.Abs(full[j] - stepped[j]) < 2e-5, $"length {k}, class {j}: onnx {full[j]} step {stepped[j]}");
        }
        Assert.Equal(checkAt[^1], server.StepsSinceReset(1));
        Assert.Equal(0, server.StepsSinceReset(0));
    }

    [Fact]
    public void A_gap_a_resync_or_a_model_swap_restarts_the_state_and_symbols_do_not_mix()
    {
        var rows = Rows.Value;
        var (weights, scaler) = Network(rows);
        var model = LstmStepModel.FromModel(LstmOnnxExporter.Window(weights, scaler, 1));
        var server = new LstmStepServer(model, symbols: 3, maxGapNs: 2_000_000_000);
        var fresh = new LstmStepServer(model, symbols: 1, maxGapNs: 2_000_000_000);
        var a = new float[3];
        var b = new float[3];
        // Symbol 2 interleaved with symbol 0 ends where symbol 0 alone ends.
        for (int k = 0; k < 10; k++)
        {
            server.Step(0, rows.TimesNs[k], rows.Row(k), a);
            server.Step(2, rows.TimesNs[k], rows.Row(30 + k), b);
            fresh.Step(0, rows.TimesNs[k], rows.Row(k), b);
        }
        Assert.Equal(b, a);

        // A row 3 s after the previous one: same as a fresh state.
        long late = rows.TimesNs[9] + 3_000_000_000;
        server.Step(0, late, rows.Row(10), a);
        Assert.Equal(1, server.GapResets);
        Assert.Equal(1, server.StepsSinceReset(0));
        var once = new LstmStepServer(model, 1, 2_000_000_000);
        once.Step(0, late, rows.Row(10), b);
        Assert.Equal(b, a);

        // Resync and model swap.
        server.Step(0, late + 1, rows.Row(11), a);
        server.Reset(0);
        server.Step(0, late + 2, rows.Row(12), a);
        once.Reset(0);
        once.Step(0, late + 2, rows.Row(12), b);
        Assert.Equal(b, a);
        server.ResetAll();
        Assert.Equal(0, server.StepsSinceReset(2));
    }

    [Fact]
    public void A_step_allocates_nothing()
    {
        var rows = Rows.Value;
        var (weights, scaler) = Network(rows);
        var server = new LstmStepServer(LstmStepModel.FromModel(LstmOnnxExporter.Window(weights, scaler, 1)), 4, 1_000_000_000);
        var scores = new float[3];
        for (int k = 0; k < 200; k++) server.Step(k & 3, rows.TimesNs[k], rows.Row(k), scores);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int k = 0; k < 2000; k++) server.Step(k & 3, rows.TimesNs[k % rows.Rows], rows.Row(k % rows.Rows), scores);
        }));
    }

    [Fact]
    public void A_model_without_LSTM_tensors_is_refused()
    {
        var empty = new ModelProto { Graph = new GraphProto() };
        Assert.Throws<InvalidDataException>(() => LstmStepModel.FromModel(empty));
    }

    // Seeded random weights (no training needed for equality) and a scaler fitted on the rows.
    private static (LstmTorchWeights, FeatureScaler) Network(FeatureMatrix rows)
    {
        var rng = new Random(5);
        float[] R(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.6f)];
        int f = rows.Width;
        var w = new LstmTorchWeights(f, Hidden, 3, R(4 * Hidden * f), R(4 * Hidden * Hidden), R(4 * Hidden), R(4 * Hidden), R(3 * Hidden), R(3));
        return (w, FeatureScaler.Fit(rows, Enumerable.Range(0, rows.Rows)));
    }

    private static float[] Ort(ModelProto model, FeatureMatrix rows, int first, int length)
    {
        using var session = new InferenceSession(model.ToByteArray());
        var input = rows.Values.Slice(first * rows.Width, length * rows.Width).ToArray();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(input, [1, length, rows.Width]))]);
        return results.First(r => r.Name == "scores").AsEnumerable<float>().ToArray();
    }
}
