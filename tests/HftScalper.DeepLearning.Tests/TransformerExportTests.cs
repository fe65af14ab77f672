using Google.Protobuf;
using HftScalper.DeepLearning.Pipeline;
using HftScalper.DeepLearning.Sequences;
using HftScalper.DeepLearning.Transformer;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// The ONNX export of a trained transformer (LayerNormalization, attention as MatMul/Softmax over reshaped heads,
/// ReduceMean pooling, the folded scaler) computes what TorchSharp computes, within 1e-5, on real replayed rows when
/// the shared data is there, on simulator rows and on random rows; windows are strided as in training.
/// </summary>
public sealed class TransformerExportTests
{
    private const int T = 10, Stride = 2;
    private static readonly TransformerParameters Small = new(ModelWidth: 16, Heads: 2, Layers: 2, FeedForward: 32, BatchSize: 32, MaxEpochs: 1);

    [Fact]
    public void Onnx_window_model_matches_TorchSharp_on_simulator_rows()
    {
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) }, 250_000_000, log: _ => { });
        AssertExportMatches(data.Samples, Labels(data), randomRows: false);
    }

    [RequiresDataFact]
    public void Onnx_window_model_matches_TorchSharp_on_real_rows()
    {
        var data = ReplayDataset.Build([TestData.BinanceSpotBtcusdt[0]], SimulatorOptions.Default, 250_000_000, log: _ => { });
        AssertExportMatches(data.Samples, Labels(data), randomRows: false);
    }

    [Fact]
    public void Onnx_window_model_matches_TorchSharp_on_random_rows()
    {
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) }, 250_000_000, log: _ => { });
        AssertExportMatches(data.Samples, Labels(data), randomRows: true);
    }

    private static int[] Labels(ReplayDataset data) =>
        data.Label([TimeSpan.FromSeconds(2)], Inference.Contracts.MoveThreshold.Parse("0ticks")).At(TimeSpan.FromSeconds(2)).Classes;

    private static void AssertExportMatches(FeatureMatrix samples, int[] classes, bool randomRows)
    {
        var labelled = Enumerable.Range(0, samples.Rows).Where(i => classes[i] >= 0).ToArray();
        var ends = SequenceWindows.Ends(samples.TimesNs, labelled, T, 5_000_000_000, Stride);
        Assert.True(ends.Length > 100, $"{ends.Length} windows");
        var scaler = FeatureScaler.Fit(samples, labelled);
        var trainer = new WindowTrainer(scaler.Transform(samples), samples.Width, T, Stride, classes);
        var fit = trainer.Train(() => new TransformerNetwork(samples.Width, T, Small, 3), ends[..^64], [], Small, seed: 3);
        using var net = fit.Network;

        // The probe: 64 held-out windows of the data, or 64 windows of Gaussian rows around the fitted means.
        var rows = randomRows ? RandomRows(samples, scaler, 64 * T) : samples;
        int[] probe = randomRows ? [.. Enumerable.Range(0, 64).Select(i => i * T + T - 1)] : ends[^64..];
        var probeTrainer = randomRows ? new WindowTrainer(scaler.Transform(rows), rows.Width, T, 1, new int[rows.Rows]) : trainer;
        int stride = randomRows ? 1 : Stride;
        var torchProbs = probeTrainer.Predict(net, probe);

        var model = TransformerFamily.Window(((TransformerNetwork)net).Weights(), scaler);
        using var session = new InferenceSession(model.ToByteArray());
        int w = rows.Width;
        var input = new float[probe.Length * T * w];
        for (int i = 0; i < probe.Length; i++) WindowTrainer.Gather(rows.Values, w, T, stride, probe[i], input.AsSpan(i * T * w, T * w));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(input, [probe.Length, T, w]))]);
        var ortProbs = results.First(r => r.Name == "scores").AsEnumerable<float>().ToArray();
        Assert.Equal(torchProbs.Length, ortProbs.Length);
        double worst = torchProbs.Zip(ortProbs).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-5, $"largest |torch - onnx| = {worst}");
        // Not a degenerate network: its probabilities move between windows.
        Assert.True(torchProbs.Where((_, i) => i % 3 == 2).Distinct().Count() > 10);
    }

    private static FeatureMatrix RandomRows(FeatureMatrix like, FeatureScaler scaler, int count)
    {
        var rng = new Random(11);
        var m = new FeatureMatrix(like.Width, count);
        var row = new float[like.Width];
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < row.Length; j++)
            {
                double gauss = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                row[j] = scaler.Mean[j] + (float)(gauss * 1.5 / scaler.Scale[j]);
            }
            m.Add(row, r * 250_000_000L, 100);
        }
        return m;
    }
}
