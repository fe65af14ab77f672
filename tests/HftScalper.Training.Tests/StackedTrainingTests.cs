using HftScalper.Inference.Contracts;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Export;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Tests;

/// <summary>The stacked regime ensemble through the trainer: scored beside the global model on the same rows, kept only when it wins, exported as one graph.</summary>
public sealed class StackedTrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-training-stacked-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Trainer_scores_the_stack_on_later_folds_and_serves_it_only_when_it_beats_the_global_model()
    {
        // The flow matters twice as much in regime 1 and little in regime 2: regime members have something to add.
        var data = SyntheticMarket.Labeled(3000, seed: 11, signal: 0.3);
        var options = new TrainingOptions
        {
            FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10), WalkForward = new WalkForwardOptions { Folds = 3 },
            MinRegimeSamples = 300, TrainReturnModel = false, MoveLogitOffset = 0,
        };

        var result = new ModelTrainer(options).Train(data, SyntheticMarket.RegimeColumn, (RegimeBlend.For(SyntheticMarket.Schema)!, null));

        var report = result.StackingReport!;
        bool kept = (bool)report["kept"]!;
        int rows = (int)report["rows"]!;
        double stackLoss = (double)report["stacked"]!["logLoss"]!, globalLoss = (double)report["globalSameRows"]!["logLoss"]!;
        Assert.True(rows > 0 && rows < result.Folds.Sum(f => f.TestSamples), $"the stack is scored on folds 1.. only: {rows} rows");
        Assert.True(kept ? stackLoss <= globalLoss : stackLoss >= globalLoss, $"kept={kept}: stack {stackLoss} vs global {globalLoss}");
        Assert.Equal(kept, result.Stacked is not null);
        if (!kept) return;
        Assert.Equal(rows, result.OutOfSample.Samples);
        var path = Path.Combine(_dir, "stacked.onnx");
        ModelExport.Save(result, SyntheticMarket.Schema, options.Horizon, path, "test", "synthetic");
        int[] all = [.. Enumerable.Range(0, data.Samples.Rows).Where(i => data.At(options.Horizon).Classes[i] >= 0)];
        var served = OnnxScorer.Score(path, SyntheticMarket.Schema, data.Samples, all, ModelRole.Direction, out _);
        var expected = new float[all.Length * 3];
        result.Stacked!.Predict(new Microsoft.ML.MLContext(1), data.Samples, all, expected);
        Assert.True(served.Zip(expected).Max(p => Math.Abs(p.First - p.Second)) < 1e-4, "the exported stack serves what the trainer kept");
    }
}
