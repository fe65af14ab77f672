using Google.Protobuf;
using HftScalper.DeepLearning.Pipeline;
using HftScalper.DeepLearning.Sequences;
using HftScalper.DeepLearning.Transformer;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// A transformer trained by the training code (tiny: one epoch, the export's default shape of 60 snapshots one second
/// apart, d 32, 2 heads, 1 layer) is served by the compiled encoder, and every decision row gets the scores an ONNX
/// Runtime server gives (within 1e-5) and the same decision (arg-max class), warming on the same rows: on real BTCUSDT
/// rows when the shared data is there, and on random rows around the fitted scaler (some far past its clip).
/// </summary>
public sealed class CompiledTransformerServingTests : IDisposable
{
    private const int T = 60, Stride = 4;
    private const long Sample = 250_000_000, MaxGap = 5_000_000_000;
    private static readonly TransformerParameters Tiny = new(ModelWidth: 32, Heads: 2, Layers: 1, FeedForward: 64, BatchSize: 64, MaxEpochs: 1);
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-compiled-window-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [RequiresDataFact]
    public void Served_scores_and_decisions_equal_ort_on_real_btcusdt_rows()
    {
        var data = ReplayDataset.Build([TestData.BinanceSpotBtcusdt[0]], SimulatorOptions.Default, Sample, log: _ => { });
        var model = Train(data);
        AssertServedEqualsOrt(data, model, data.Samples, "real BTCUSDT rows");
    }

    [Fact]
    public void Served_scores_and_decisions_equal_ort_on_random_rows()
    {
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(5) }, Sample, log: _ => { });
        var model = Train(data);
        var mean = OnnxGraph.Floats(model.Graph.Initializer.First(x => x.Name == "mean"));
        var scale = OnnxGraph.Floats(model.Graph.Initializer.First(x => x.Name == "scale"));
        var rng = new Random(17);
        var rows = new FeatureMatrix(data.Samples.Width, 1200);
        var row = new float[rows.Width];
        for (int r = 0; r < 1200; r++)
        {
            // Gaussian rows 1.5 standard deviations wide; one row in ten 20 wide (past the clip).
            double width = r % 10 == 9 ? 20 : 1.5;
            for (int j = 0; j < row.Length; j++)
                row[j] = mean[j] + (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()) * width / scale[j]);
            rows.Add(row, 1_000_000_000_000 + r * Sample, 100);
        }
        AssertServedEqualsOrt(data, model, rows, "random rows");
    }

    // One epoch of the training code on the data's labelled windows; the export with the window in its metadata.
    private static ModelProto Train(ReplayDataset data)
    {
        var samples = data.Samples;
        var classes = data.Label([TimeSpan.FromSeconds(2)], MoveThreshold.Parse("0ticks")).At(TimeSpan.FromSeconds(2)).Classes;
        var labelled = Enumerable.Range(0, samples.Rows).Where(i => classes[i] >= 0).ToArray();
        var ends = SequenceWindows.Ends(samples.TimesNs, labelled, T, MaxGap, Stride);
        Assert.True(ends.Length > 200, $"{ends.Length} windows");
        var scaler = FeatureScaler.Fit(samples, labelled);
        var trainer = new WindowTrainer(scaler.Transform(samples), samples.Width, T, Stride, classes);
        var fit = trainer.Train(() => new TransformerNetwork(samples.Width, T, Tiny, 3), ends[..Math.Min(ends.Length, 1500)], [], Tiny, seed: 5);
        using var net = fit.Network;
        var model = TransformerFamily.Window(((TransformerNetwork)net).Weights(), scaler);
        var schema = data.Schema;
        var metadata = new ModelMetadata("transformer-tiny", "1", schema.Hash, [.. schema.Features.Select(x => x.Name)], ModelInputKind.Sequence, T,
            ModelOutputKind.Classification, DirectionClass.Names, OnnxGraph.ScoresName, TimeSpan.FromSeconds(2),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, """{"labelling":{"threshold":"0ticks","sampleIntervalMs":250}}""", DateTimeOffset.UnixEpoch, "test")
        { SequenceWindow = new SequenceWindow(Sample, Stride, MaxGap) };
        OnnxModelFile.SetMetadata(model, metadata);
        return model;
    }

    // Every row through a compiled and an ONNX Runtime server, as symbol 0 and (the rows in reverse order of features,
    // on the same clock) symbol 1 in one batch.
    private void AssertServedEqualsOrt(ReplayDataset data, ModelProto model, FeatureMatrix rows, string what)
    {
        var path = Path.Combine(_dir, "transformer.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        using var compiledSession = new ModelLoader(data.Schema, ServingOptions.CpuOnly(4), NullLogger.Instance).Load(path, ModelRole.Direction);
        using var ortSession = new ModelLoader(data.Schema, ServingOptions.CpuOnly(4) with { CompileSequences = false }, NullLogger.Instance).Load(path, ModelRole.Direction);
        var compiled = Assert.IsType<WindowRowServer>(compiledSession.SequenceRows);
        var ort = Assert.IsType<WindowRowServer>(ortSession.SequenceRows);
        Assert.True(compiled.Compiled, "the exported graph was not compiled");
        Assert.False(ort.Compiled);

        int w = rows.Width;
        var batch = new float[2 * w];
        var keys = new SequenceRowKey[2];
        float[] a = new float[6], b = new float[6];
        bool[] wa = new bool[2], wb = new bool[2];
        double worst = 0;
        int scored = 0, decisions = 0;
        var ups = new HashSet<float>();
        for (int r = 0; r < rows.Rows; r++)
        {
            rows.Row(r).CopyTo(batch);
            rows.Row(rows.Rows - 1 - r).CopyTo(batch.AsSpan(w));
            keys[0] = new SequenceRowKey { SymbolId = 0, TimeNs = rows.TimesNs[r], BookSynced = true };
            keys[1] = keys[0] with { SymbolId = 1 };
            Assert.Equal(ort.Serve(batch, keys, 2, w, b, 3, wb), compiled.Serve(batch, keys, 2, w, a, 3, wa));
            Assert.Equal(wb, wa);
            for (int s = 0; s < 2; s++)
            {
                if (wa[s]) continue;
                scored++;
                for (int j = 0; j < 3; j++) worst = Math.Max(worst, Math.Abs(a[s * 3 + j] - b[s * 3 + j]));
                if (ArgMax(a.AsSpan(s * 3, 3)) == ArgMax(b.AsSpan(s * 3, 3))) decisions++;
                ups.Add(a[s * 3 + 2]);
            }
        }
        Assert.True(scored > 500, $"{what}: {scored} rows served");
        Assert.True(worst <= 1e-5, $"{what}: largest |compiled - ORT| = {worst}");
        Assert.Equal(scored, decisions);
        Assert.True(ups.Count > 50, $"{what}: the scores do not move ({ups.Count} distinct)");
        Assert.Equal(ort.ScoredRows, compiled.ScoredRows);
    }

    private static int ArgMax(ReadOnlySpan<float> x) => x[0] >= x[1] ? (x[0] >= x[2] ? 0 : 2) : (x[1] >= x[2] ? 1 : 2);
}
