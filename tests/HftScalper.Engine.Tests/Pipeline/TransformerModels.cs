using HftScalper.Features.Engine;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// A transformer window model with random weights over the engine's features (<see cref="TransformerModelBuilder"/>,
/// what <c>hft train --family transformer</c> exports), standardised on the simulator rows of <see cref="LstmModels.Rows"/>,
/// with a <see cref="SequenceWindow"/> on the 250 ms clock: serving needs no training to be checked.
/// </summary>
internal static class TransformerModels
{
    public const long SampleNs = 250_000_000;

    /// <summary>Writes the model to <paramref name="dir"/>: <paramref name="sequenceLength"/> snapshots every
    /// <paramref name="stride"/> sample rows, windows cut by gaps over <paramref name="maxGapMs"/>.</summary>
    public static string Write(string dir, int sequenceLength = 4, int stride = 2, int seed = 11, long maxGapMs = 5000)
    {
        var rows = LstmModels.Rows.Value;
        int f = rows.Width, d = 16, ff = 32;
        var rng = new Random(seed);
        float[] R(int n, float s = 0.3f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Ones(int n) => [.. Enumerable.Repeat(1f, n)];
        var layer = new TransformerLayerWeights(Ones(d), R(d), R(d * d), R(d), R(d * d), R(d), R(d * d), R(d),
            R(d * d), R(d), Ones(d), R(d), R(ff * d), R(ff), R(d * ff), R(d));
        var weights = new TransformerWeights(f, sequenceLength, d, 2, ff, 3, R(d * f), R(d), R(sequenceLength * d), [layer], Ones(d), R(d), R(3 * d, 2f), R(3));
        var (mean, scale) = LstmModels.Standardisation(rows);
        var model = TransformerModelBuilder.Build(weights, mean, scale, 8f);
        var schema = FeatureEngine.DefaultSchema;
        var metadata = new ModelMetadata($"transformer-test-{seed}", "1", schema.Hash, [.. schema.Features.Select(x => x.Name)], ModelInputKind.Sequence,
            sequenceLength, ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(2),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            "{\"labelling\":{\"threshold\":\"0ticks\",\"sampleIntervalMs\":250,\"maxGapMs\":" + maxGapMs + "}}", DateTimeOffset.UnixEpoch,
            "random transformer weights for engine tests")
        { SequenceWindow = new SequenceWindow(SampleNs, stride, maxGapMs * 1_000_000) };
        var path = Path.Combine(dir, $"transformer-{seed}-t{sequenceLength}x{stride}.onnx");
        OnnxModelFile.Save(model, metadata, path);
        return path;
    }
}
