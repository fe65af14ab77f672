using Google.Protobuf;
using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// <c>hft evaluate --compare trees.onnx lstm.onnx</c>: the LSTM scores the window ending at each shared sample, every
/// model is scored on the samples where that window is complete (the first T-1 rows of a span are left out of all),
/// and the LSTM's latency is one step of its carried state; a transformer beside them is scored on the strided window
/// training cuts (T rows a stride apart), and the samples without such a window are left out of every model.
/// </summary>
public sealed class LstmCompareTests : IDisposable
{
    private const int T = 8;
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-lstm-compare-").FullName;
    private static readonly SimulatorOptions Sim = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(3), Seed = 4 };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Trees_and_an_LSTM_are_scored_on_the_same_samples_where_the_LSTM_has_a_complete_window()
    {
        var trees = Trees();
        var lstm = Lstm();

        var alone = ModelComparison.Run([trees], [], Sim, TimeSpan.FromSeconds(5), new MoveThreshold(0, false), 250_000_000);
        var both = ModelComparison.Run([trees, lstm], [], Sim, TimeSpan.FromSeconds(5), new MoveThreshold(0, false), 250_000_000);

        int n = alone.Models[0].Metrics.Samples;
        Assert.Equal(0, alone.WithoutSequenceWindow);
        Assert.Equal(T, both.LongestSequence);
        Assert.True(both.WithoutSequenceWindow >= T - 1, $"{both.WithoutSequenceWindow} left out");
        Assert.Equal(n - both.WithoutSequenceWindow, both.Models[0].Metrics.Samples);
        Assert.Equal(both.Models[0].Metrics.Samples, both.Models[1].Metrics.Samples);
        Assert.Equal(both.Models[0].Metrics.ClassCounts, both.Models[1].Metrics.ClassCounts);
        var step = both.Models[1].Latency;
        Assert.True(step.Calls > 100 && step.MeanUs > 0, $"{step}");
    }

    [Fact]
    public void A_transformer_beside_trees_and_an_LSTM_is_scored_on_the_same_samples_on_the_strided_window_training_cuts()
    {
        const int t = 6, stride = 3, span = (t - 1) * stride + 1;
        const long sample = 250_000_000, gap = 5_000_000_000;
        var horizon = TimeSpan.FromSeconds(5);
        var threshold = new MoveThreshold(0, false);
        var data = ReplayDataset.Build([], Sim, sample, log: _ => { });
        var rows = data.Samples;
        var model = WindowServerTests.Model(rows, t, new SequenceWindow(sample, stride, gap));
        var transformer = Path.Combine(_dir, "transformer.onnx");
        File.WriteAllBytes(transformer, model.ToByteArray());

        var all = ModelComparison.Run([Trees(), Lstm(), transformer], [], Sim, horizon, threshold, sample);

        Assert.Equal(span, all.LongestSequence);
        Assert.True(all.WithoutSequenceWindow >= span - 1, $"{all.WithoutSequenceWindow} left out");
        Assert.All(all.Models, m => Assert.Equal(all.Models[0].Metrics.ClassCounts, m.Metrics.ClassCounts));
        var served = all.Models[2];
        Assert.True(served.Latency.Calls > 100 && served.Latency.MeanUs > 0, $"{served.Latency}");

        // The same samples scored by a direct ONNX Runtime run on the windows training cuts (WindowTrainer.Gather).
        var labels = data.Label([horizon], threshold).At(horizon);
        var run = SequenceRuns.Lengths(rows.TimesNs, gap);
        var kept = Enumerable.Range(0, rows.Rows).Where(i => labels.Classes[i] >= 0 && run[i] >= span).ToArray();
        Assert.Equal(kept.Length, served.Metrics.Samples);
        int w = rows.Width;
        var input = new float[kept.Length * t * w];
        for (int i = 0; i < kept.Length; i++) WindowTrainer.Gather(rows.Values, w, t, stride, kept[i], input.AsSpan(i * t * w, t * w));
        using var session = new InferenceSession(model.ToByteArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(input, [kept.Length, t, w]))]);
        var probabilities = results.First(x => x.Name == "scores").AsEnumerable<float>().ToArray();
        var expected = DirectionMetrics.Compute(probabilities, kept.Select(i => labels.Classes[i]).ToArray(), kept.Select(i => labels.Persistence[i]).ToArray());
        Assert.Equal(expected.Accuracy, served.Metrics.Accuracy, 9);
        Assert.Equal(expected.LogLoss, served.Metrics.LogLoss, 5);
    }

    private string Lstm()
    {
        var rows = ReplayDataset.Build([], Sim, 250_000_000, log: _ => { }).Samples;
        var rng = new Random(5);
        float[] R(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.6f)];
        int f = rows.Width, h = 16;
        var w = new LstmTorchWeights(f, h, 3, R(4 * h * f), R(4 * h * h), R(4 * h), R(4 * h), R(3 * h), R(3));
        var scaler = FeatureScaler.Fit(rows, Enumerable.Range(0, rows.Rows));
        var path = Path.Combine(_dir, "lstm.onnx");
        OnnxModelFile.Save(LstmOnnxExporter.Window(w, scaler, T), Metadata("lstm", ModelInputKind.Sequence, T), path);
        return path;
    }

    private string Trees()
    {
        var rng = new Random(7);
        int f = FeatureEngine.DefaultSchema.Count;
        var nodes = new TreeNode[15];
        for (int k = 0; k < 15; k++)
            nodes[k] = k < 7 ? TreeNode.Split(rng.Next(f), (float)(rng.NextDouble() * 2 - 1), 2 * k + 1, 2 * k + 2)
                : TreeNode.Leaf([(float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble()]);
        var path = Path.Combine(_dir, "trees.onnx");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildClassifier(new TreeEnsemble(f, 3, [nodes], [0f, 0f, 0f]), [0, 1, 2], softmax: true),
            Metadata("trees", ModelInputKind.Tabular, 1), path);
        return path;
    }

    private static ModelMetadata Metadata(string name, ModelInputKind kind, int length) => new(
        Name: name, Version: "1", SchemaHash: FeatureEngine.DefaultSchema.Hash,
        FeatureNames: [.. FeatureEngine.DefaultSchema.Features.Select(x => x.Name)],
        InputKind: kind, SequenceLength: length, OutputKind: ModelOutputKind.Classification,
        OutputNames: ["down", "flat", "up"], OutputTensor: OnnxGraph.ScoresName, Horizon: TimeSpan.FromSeconds(5),
        TrainFrom: DateTimeOffset.UnixEpoch, TrainTo: DateTimeOffset.UnixEpoch,
        ValidationMetricsJson: "{\"labelling\":{\"threshold\":\"0ticks\",\"sampleIntervalMs\":250,\"maxGapMs\":5000}}",
        CreatedUtc: DateTimeOffset.UnixEpoch, DataDescription: "random weights for the comparison test");
}
