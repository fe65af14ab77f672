using HftScalper.DeepLearning.Sequences;
using HftScalper.DeepLearning.Transformer;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.DeepLearning.Tests;

/// <summary>Training the transformer on CPU with a seed gives bit-identical weights; another seed gives others.</summary>
public sealed class TransformerTrainingDeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_transformer_weights_and_another_seed_does_not()
    {
        var data = ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { });
        var labels = data.Label([TimeSpan.FromSeconds(2)], Inference.Contracts.MoveThreshold.Parse("0ticks")).At(TimeSpan.FromSeconds(2));
        var labelled = Enumerable.Range(0, data.Samples.Rows).Where(i => labels.Classes[i] >= 0).ToArray();
        var ends = SequenceWindows.Ends(data.Samples.TimesNs, labelled, 6, 5_000_000_000, 2);
        var scaler = FeatureScaler.Fit(data.Samples, labelled);
        var trainer = new WindowTrainer(scaler.Transform(data.Samples), data.Samples.Width, 6, 2, labels.Classes);
        var p = new TransformerParameters(ModelWidth: 8, Heads: 2, Layers: 1, FeedForward: 16, BatchSize: 16, MaxEpochs: 2, Patience: 5);
        var valid = ends[^40..];
        Inference.Onnx.TransformerWeights Run(int seed)
        {
            var fit = trainer.Train(() => new TransformerNetwork(data.Samples.Width, 6, p, 3), ends[..^40], valid, p, seed);
            using var net = fit.Network;
            return ((TransformerNetwork)net).Weights();
        }
        var a = Run(7);
        var b = Run(7);
        var c = Run(8);
        Assert.Equal(a.EmbedWeight, b.EmbedWeight);
        Assert.Equal(a.Position, b.Position);
        Assert.Equal(a.Layers[0].QueryWeight, b.Layers[0].QueryWeight);
        Assert.Equal(a.Layers[0].FeedForward2Weight, b.Layers[0].FeedForward2Weight);
        Assert.Equal(a.HeadWeight, b.HeadWeight);
        Assert.NotEqual(a.EmbedWeight, c.EmbedWeight);
    }
}
