using HftScalper.DeepLearning.Sequences;
using HftScalper.DeepLearning.Transformer;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>
/// A small transformer encoder over T snapshots taken every <c>stride</c> sample rows (<see cref="TransformerNetwork"/>);
/// the search varies width, depth and learning rate.
/// </summary>
public sealed class TransformerFamily(TransformerParameters first) : SequenceFamily
{
    /// <inheritdoc />
    public override string Name => "transformer";

    /// <inheritdoc />
    public override IReadOnlyList<ISequenceParameters> Candidates(int count, int seed) =>
        Draw(first, count, seed, (p, rng) =>
        {
            int d = Widths[rng.Next(Widths.Length)];
            return p with { ModelWidth = d, FeedForward = 2 * d, Layers = 1 + rng.Next(2), LearningRate = Rates[rng.Next(Rates.Length)] };
        });

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Create(int width, int sequenceLength, ISequenceParameters p) =>
        new TransformerNetwork(width, sequenceLength, (TransformerParameters)p, 3);

    /// <inheritdoc />
    public override ModelProto Export(nn.Module<Tensor, Tensor> network, FeatureScaler scaler, int sequenceLength) =>
        Window(((TransformerNetwork)network).Weights(), scaler);

    /// <inheritdoc />
    public override string Arrangement(int sequenceLength, int stride) => FormattableString.Invariant(
        $"transformer encoder over {sequenceLength} snapshots, one every {stride} sample rows, mean-pooled, softmax head");

    /// <summary>The window model: raw rows <c>[B,T,F]</c> -> standardise -> encoder -> <c>scores [B,3]</c>.</summary>
    public static ModelProto Window(TransformerWeights weights, FeatureScaler scaler)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(scaler);
        if (scaler.Mean.Length != weights.Inputs) throw new ArgumentException($"scaler has {scaler.Mean.Length} columns, the network {weights.Inputs} inputs");
        return TransformerModelBuilder.Build(weights, scaler.Mean, scaler.Scale, FeatureScaler.Limit);
    }

    private static readonly int[] Widths = [16, 32];
    private static readonly double[] Rates = [5e-4, 1e-3, 2e-3];
}
