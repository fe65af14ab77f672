using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.DeepLearning.Tests;

/// <summary>Training on CPU with a seed gives bit-identical weights; another seed gives others.</summary>
public sealed class LstmTrainingDeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_does_not()
    {
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { });
        var labels = data.Label([TimeSpan.FromSeconds(2)], Inference.Contracts.MoveThreshold.Parse("0ticks")).At(TimeSpan.FromSeconds(2));
        var labelled = Enumerable.Range(0, data.Samples.Rows).Where(i => labels.Classes[i] >= 0).ToArray();
        var ends = SequenceWindows.Ends(data.Samples.TimesNs, labelled, 6, 5_000_000_000);
        var scaler = FeatureScaler.Fit(data.Samples, labelled);
        var trainer = new LstmTrainer(scaler.Transform(data.Samples), data.Samples.Width, 6, labels.Classes);
        var p = new LstmParameters(Hidden: 8, BatchSize: 16, MaxEpochs: 2, Patience: 5);
        var valid = ends[^40..];
        LstmTorchWeights Run(int seed)
        {
            var fit = trainer.Train(ends[..^40], valid, p, seed);
            using var net = fit.Network;
            return net.Weights();
        }
        var a = Run(7);
        var b = Run(7);
        var c = Run(8);
        Assert.Equal(a.WeightIh, b.WeightIh);
        Assert.Equal(a.WeightHh, b.WeightHh);
        Assert.Equal(a.HeadWeight, b.HeadWeight);
        Assert.NotEqual(a.WeightIh, c.WeightIh);
    }
}
