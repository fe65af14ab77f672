using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Training.Data;
using HftScalper.Training.Export;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;

namespace HftScalper.Training.Tests;

/// <summary>
/// A trained two-stage direction model, written by the real exporter, is served by the compiled tree evaluator
/// (ensemble, Sigmoid, two-stage tail) with scores bit-identical to ONNX Runtime's on the training rows, with and
/// without missing values, one row and eight at a time.
/// </summary>
public sealed class TwoStageCompiledTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-training-twostage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exported_two_stage_model_is_compiled_and_equals_onnxruntime(bool regimes)
    {
        var options = new TrainingOptions
        {
            FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10),
            WalkForward = new WalkForwardOptions { Folds = 2 },
            MinRegimeSamples = 300,
            Form = DirectionForm.TwoStage,
        };
        var ml = new MLContext(1);
        var data = SyntheticMarket.Labeled(4000, seed: 3);
        var labels = data.At(options.Horizon);
        var rows = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        var trainer = new RegimeTrainer(ml, data, labels, options, SyntheticMarket.RegimeColumn);
        var direction = trainer.Direction(rows, options.FixedParameters!, regimes).Select(m => m.WithMoveOffset(0.7));
        var result = new TrainingResult(direction, null, regimes, options.FixedParameters!, [], [],
            ModelTrainer.Metrics(new float[rows.Length * 3], labels, rows, 1), null, rows.Length, rows.Length,
            data.Samples.TimesNs[0], data.Samples.TimesNs[^1], TimeSpan.Zero, 0);
        var path = Path.Combine(_dir, "twostage.onnx");
        ModelExport.Save(result, SyntheticMarket.Schema, options.Horizon, path, "test", "synthetic");

        using var compiled = new ModelLoader(SyntheticMarket.Schema, ServingOptions.CpuOnly(8), NullLogger.Instance).Load(path, ModelRole.Direction);
        using var reference = new ModelLoader(SyntheticMarket.Schema, ServingOptions.CpuOnly(8) with { CompileTrees = false }, NullLogger.Instance)
            .Load(path, ModelRole.Direction);
        Assert.Contains("then Sigmoid+TwoStage", compiled.Evaluator, StringComparison.Ordinal);
        Assert.Equal("onnxruntime", reference.Evaluator);

        int width = data.Samples.Width;
        var input = new float[8 * width];
        float[] a = new float[8 * 3], b = new float[8 * 3];
        var rng = new Random(7);
        var distinct = new HashSet<float>();
        for (int start = 0, round = 0; start + 8 <= rows.Length; start += 8, round++)
        {
            int batch = round % 2 == 0 ? 8 : 1;
            for (int i = 0; i < batch; i++) data.Samples.Row(rows[start + i]).CopyTo(input.AsSpan(i * width, width));
            if (round % 5 == 0)
                for (int i = 0; i < batch * width; i++) if (rng.NextDouble() < 0.2) input[i] = float.NaN;
            Assert.Equal(PredictStatus.Ok, compiled.Predict(input.AsSpan(0, batch * width), batch, a));
            Assert.Equal(PredictStatus.Ok, reference.Predict(input.AsSpan(0, batch * width), batch, b));
            for (int i = 0; i < batch * 3; i++)
                Assert.True(BitConverter.SingleToInt32Bits(a[i]) == BitConverter.SingleToInt32Bits(b[i]),
                    $"row {start + i / 3} value {i % 3}: compiled {a[i]:R} vs ORT {b[i]:R}");
            distinct.Add(a[2]);
        }
        Assert.True(distinct.Count > 50, "scores should vary (the comparison must not be trivial)");
    }
}
