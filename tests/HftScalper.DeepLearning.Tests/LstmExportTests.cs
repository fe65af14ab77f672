using Google.Protobuf;
using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// The ONNX export of a trained LSTM computes what TorchSharp computes on the same windows of feature rows (real
/// replayed rows when the shared data is there, simulator rows always): the gate reorder, the folded scaler and the
/// head are all exercised.
/// </summary>
public sealed class LstmExportTests
{
    private const int T = 8;

    [Fact]
    public void Onnx_window_model_matches_TorchSharp_on_simulator_rows()
    {
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) }, 250_000_000, log: _ => { });
        AssertExportMatches(data);
    }

    [RequiresDataFact]
    public void Onnx_window_model_matches_TorchSharp_on_real_rows()
    {
        var data = ReplayDataset.Build([TestData.BinanceSpotBtcusdt[0]], SimulatorOptions.Default, 250_000_000, log: _ => { });
        AssertExportMatches(data);
    }

    [Fact]
    public void Gate_blocks_are_reordered_from_torch_ifgo_to_onnx_iofc()
    {
        // Two hidden units, one column: block k of torch holds the value k+1.
        float[] torchOrder = [1, 1, 2, 2, 3, 3, 4, 4];
        Assert.Equal([1f, 1, 4, 4, 2, 2, 3, 3], LstmOnnxExporter.ToOnnxGates(torchOrder, 2, 1));
    }

    private static void AssertExportMatches(ReplayDataset data)
    {
        var samples = data.Samples;
        var labels = data.Label([TimeSpan.FromSeconds(2)], Inference.Contracts.MoveThreshold.Parse("0ticks")).At(TimeSpan.FromSeconds(2));
        var labelled = Enumerable.Range(0, samples.Rows).Where(i => labels.Classes[i] >= 0).ToArray();
        var ends = SequenceWindows.Ends(samples.TimesNs, labelled, T, 5_000_000_000);
        Assert.True(ends.Length > 100, $"{ends.Length} windows");
        var scaler = FeatureScaler.Fit(samples, labelled);
        var trainer = new LstmTrainer(scaler.Transform(samples), samples.Width, T, labels.Classes);
        var fit = trainer.Train(ends[..^64], [], new LstmParameters(Hidden: 12, BatchSize: 32, MaxEpochs: 1), seed: 3);
        using var net = fit.Network;
        var probe = ends[^64..];
        var torchProbs = trainer.Predict(net, probe);

        var model = LstmOnnxExporter.Window(net.Weights(), scaler, T);
        using var session = new InferenceSession(model.ToByteArray());
        var input = new float[probe.Length * T * samples.Width];
        for (int i = 0; i < probe.Length; i++)
            samples.Values.Slice((probe[i] - T + 1) * samples.Width, T * samples.Width).CopyTo(input.AsSpan(i * T * samples.Width));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(input, [probe.Length, T, samples.Width]))]);
        var ortProbs = results.First(r => r.Name == "scores").AsEnumerable<float>().ToArray();
        Assert.Equal(torchProbs.Length, ortProbs.Length);
        double worst = torchProbs.Zip(ortProbs).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-5, $"largest |torch - onnx| = {worst}");
        // Not a degenerate network: its probabilities move between windows.
        Assert.True(torchProbs.Where((_, i) => i % 3 == 2).Distinct().Count() > 10);
    }
}
