using HftScalper.DeepLearning.Sequences;

namespace HftScalper.DeepLearning.Transformer;

/// <summary>Architecture and optimiser settings of one transformer candidate.</summary>
/// <param name="ModelWidth">Model width d (a multiple of <paramref name="Heads"/>).</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Layers">Pre-norm encoder layers.</param>
/// <param name="FeedForward">Feed-forward width of each layer.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="BatchSize">Windows per optimiser step.</param>
/// <param name="MaxEpochs">Most passes over the training windows (early stopping usually ends sooner).</param>
/// <param name="Patience">Epochs without a better early-stopping loss before training stops.</param>
public sealed record TransformerParameters(int ModelWidth = 32, int Heads = 2, int Layers = 1, int FeedForward = 64,
    double LearningRate = 1e-3, int BatchSize = 64, int MaxEpochs = 12, int Patience = 2) : ISequenceParameters
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"d={ModelWidth} heads={Heads} layers={Layers} ff={FeedForward} lr={LearningRate} batch={BatchSize} epochs<={MaxEpochs} patience={Patience}");
}
