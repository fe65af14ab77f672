using HftScalper.Features.Engine;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// LSTM window models for engine tests: the repo's <see cref="LstmModelBuilder"/> graph with seeded random weights,
/// preceded by the standardisation the trained export has (mean and 1/std fitted on simulator rows, clip ±8), and the
/// tree models' metadata with input kind sequence, a sampling clock and a gap limit.
/// </summary>
internal static class LstmModels
{
    public const int Hidden = 16;

    /// <summary>Simulator sample rows on a 250 ms clock (one minute, default seed).</summary>
    public static readonly Lazy<FeatureMatrix> Rows = new(() =>
        ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { }).Samples);

    /// <summary>Writes the model to <paramref name="dir"/>; <paramref name="softmax"/> false leaves logits (a graph the step does not reproduce).</summary>
    public static string Write(string dir, int sequenceLength = 8, int seed = 5, long sampleIntervalMs = 250, long maxGapMs = 5000, bool softmax = true, string? file = null)
    {
        var rows = Rows.Value;
        int f = rows.Width, h = Hidden;
        var rng = new Random(seed);
        float[] R(int n, float spread) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5) * spread)];
        var lstm = new LstmWeights(f, h, R(4 * h * f, 0.6f), R(4 * h * h, 0.6f), R(4 * h, 0.4f), R(4 * h, 0.4f));
        var head = new DenseLayer(h, 3, R(3 * h, 2f), R(3, 0.2f));
        var model = LstmModelBuilder.Build(lstm, head, sequenceLength, softmax ? OutputActivation.Softmax : OutputActivation.None);
        AddScaler(model.Graph, rows);
        var metadata = new ModelMetadata(
            Name: $"lstm-test-{seed}", Version: "1", SchemaHash: FeatureEngine.DefaultSchema.Hash,
            FeatureNames: [.. FeatureEngine.DefaultSchema.Features.Select(x => x.Name)],
            InputKind: ModelInputKind.Sequence, SequenceLength: sequenceLength, OutputKind: ModelOutputKind.Classification,
            OutputNames: ["down", "flat", "up"], OutputTensor: OnnxGraph.ScoresName, Horizon: TimeSpan.FromSeconds(5),
            TrainFrom: DateTimeOffset.UnixEpoch, TrainTo: DateTimeOffset.UnixEpoch,
            ValidationMetricsJson: "{\"labelling\":{\"threshold\":\"0ticks\",\"sampleIntervalMs\":" + sampleIntervalMs + ",\"maxGapMs\":" + maxGapMs + "}}",
            CreatedUtc: DateTimeOffset.UnixEpoch, DataDescription: "random LSTM weights for engine tests");
        var path = Path.Combine(dir, file ?? $"lstm-{seed}-t{sequenceLength}{(softmax ? "" : "-logits")}.onnx");
        OnnxModelFile.Save(model, metadata, path);
        return path;
    }

    /// <summary>Per-feature mean and 1/sd of <paramref name="rows"/> (1 for a constant feature): the test models' standardisation.</summary>
    public static (float[] Mean, float[] Scale) Standardisation(FeatureMatrix rows)
    {
        int f = rows.Width;
        var mean = new float[f];
        var scale = new float[f];
        for (int j = 0; j < f; j++)
        {
            double s = 0, sq = 0;
            for (int i = 0; i < rows.Rows; i++) { s += rows[i, j]; sq += (double)rows[i, j] * rows[i, j]; }
            double m = s / rows.Rows, sd = Math.Sqrt(Math.Max(0, sq / rows.Rows - m * m));
            mean[j] = (float)m;
            scale[j] = sd > 1e-9 ? (float)(1 / sd) : 1f;
        }
        return (mean, scale);
    }

    // features -> (x - mean) * scale -> clip(±8) -> the builder's graph (which read 'features').
    private static void AddScaler(GraphProto graph, FeatureMatrix rows)
    {
        int f = rows.Width;
        var (mean, scale) = Standardisation(rows);
        foreach (var node in graph.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == OnnxGraph.InputName) node.Input[i] = "x_scaled";
        graph.Initializer.Add(OnnxGraph.FloatTensor("mean", [f], mean));
        graph.Initializer.Add(OnnxGraph.FloatTensor("scale", [f], scale));
        graph.Initializer.Add(OnnxGraph.FloatTensor("clip_min", [], [-8f]));
        graph.Initializer.Add(OnnxGraph.FloatTensor("clip_max", [], [8f]));
        graph.Node.Insert(0, OnnxGraph.Node("Clip", "clip", ["x_standard", "clip_min", "clip_max"], ["x_scaled"]));
        graph.Node.Insert(0, OnnxGraph.Node("Mul", "standardise", ["x_centred", "scale"], ["x_standard"]));
        graph.Node.Insert(0, OnnxGraph.Node("Sub", "centre", [OnnxGraph.InputName, "mean"], ["x_centred"]));
    }
}
