using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.ML;

namespace HftScalper.Training.Tests;

/// <summary>The exported ONNX graph, run by ONNX Runtime through the serving path, must reproduce ML.NET's predictions.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-training-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TrainingOptions Options = new()
    {
        FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10),
        WalkForward = new WalkForwardOptions { Folds = 2 },
        MinRegimeSamples = 300,
    };

    [Theory]
    [InlineData(false, DirectionForm.OneVsRest)]
    [InlineData(true, DirectionForm.OneVsRest)]
    [InlineData(false, DirectionForm.TwoStage)]
    [InlineData(true, DirectionForm.TwoStage)]
    public void Exported_model_matches_mlnet_within_1e_6(bool regimes, DirectionForm form)
    {
        var options = Options with { Form = form };
        var ml = new MLContext(1);
        var data = SyntheticMarket.Labeled(4000, seed: 3);
        var labels = data.At(Options.Horizon);
        var rows = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        var trainer = new RegimeTrainer(ml, data, labels, options, SyntheticMarket.RegimeColumn);
        // A non-zero move offset, so the exported offset is checked too.
        var direction = trainer.Direction(rows, Options.FixedParameters!, regimes).Select(m => form == DirectionForm.TwoStage ? m.WithMoveOffset(0.7) : m);
        var ret = trainer.Return(rows, Options.FixedParameters!, regimes);
        Assert.Equal(regimes, direction.IsGated);
        var result = new TrainingResult(direction, ret, regimes, Options.FixedParameters!, [], [],
            ModelTrainer.Metrics(new float[rows.Length * 3], labels, rows, 1), null, rows.Length, rows.Length,
            data.Samples.TimesNs[0], data.Samples.TimesNs[^1], TimeSpan.Zero, 0);
        var path = Path.Combine(_dir, "m.onnx");

        ModelExport.Save(result, SyntheticMarket.Schema, Options.Horizon, path, "test", "synthetic");

        var expected = Predictions.Direction(ml, direction, data.Samples, rows);
        var actual = OnnxScorer.Score(path, SyntheticMarket.Schema, data.Samples, rows, ModelRole.Direction, out int width);
        Assert.Equal(3, width);
        Assert.True(MaxDiff(expected, actual) < 2e-6, $"direction max diff {MaxDiff(expected, actual):E2}");
        var expectedReturn = Predictions.Return(ret, data.Samples, rows);
        var actualReturn = OnnxScorer.Score(HftScalper.Inference.Loading.ReturnModelPath.For(path), SyntheticMarket.Schema, data.Samples, rows, ModelRole.Return, out int rw);
        Assert.Equal(1, rw);
        Assert.True(MaxDiff(expectedReturn, actualReturn) < 1e-4, $"return max diff {MaxDiff(expectedReturn, actualReturn):E2}");
        Assert.True(expected.Distinct().Count() > 100, "predictions should vary (the comparison must not be trivial)");
    }

    [Theory]
    [InlineData(DirectionForm.TwoStage)]
    [InlineData(DirectionForm.OneVsRest)]
    public void Exported_stacked_ensemble_matches_the_managed_stack(DirectionForm form)
    {
        var ml = new MLContext(1);
        var data = SyntheticMarket.Labeled(4000, seed: 3);
        var labels = data.At(Options.Horizon);
        var rows = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        var options = Options with { Form = form };
        var trainer = new RegimeTrainer(ml, data, labels, options, SyntheticMarket.RegimeColumn);
        var global = trainer.Direction(rows, Options.FixedParameters!, false);
        var byRegime = trainer.RegimeModels(rows, Options.FixedParameters!);
        Assert.NotNull(byRegime[0]);
        Assert.NotNull(byRegime[1]);
        byRegime[2] = null; // a missing member reuses the global tensor
        var blend = RegimeBlend.For(SyntheticMarket.Schema)!;
        var z = StackedEnsemble.Inputs(ml, Predictions.Direction(ml, global, data.Samples, rows), byRegime, blend, null, data.Samples, rows);
        var stack = new StackedEnsemble(global.Global, byRegime, blend, null, MetaLearner.Fit(z, [.. rows.Select(r => labels.Classes[r])], StackedEnsemble.MetaInputs));
        var result = new TrainingResult(global, null, false, Options.FixedParameters!, [], [],
            ModelTrainer.Metrics(new float[rows.Length * 3], labels, rows, 1), null, rows.Length, rows.Length,
            data.Samples.TimesNs[0], data.Samples.TimesNs[^1], TimeSpan.Zero, 0) { Stacked = stack };
        var path = Path.Combine(_dir, "stacked.onnx");

        ModelExport.Save(result, SyntheticMarket.Schema, Options.Horizon, path, "test", "synthetic");

        var expected = new float[rows.Length * 3];
        stack.Predict(ml, data.Samples, rows, expected);
        var actual = OnnxScorer.Score(path, SyntheticMarket.Schema, data.Samples, rows, ModelRole.Direction, out int width);
        Assert.Equal(3, width);
        Assert.True(MaxDiff(expected, actual) < 1e-4, $"stacked max diff {MaxDiff(expected, actual):E2}");
        Assert.True(expected.Distinct().Count() > 100, "predictions should vary");
    }

    private static double MaxDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }
}
