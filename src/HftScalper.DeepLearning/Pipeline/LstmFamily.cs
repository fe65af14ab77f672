using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Onnx.Proto;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>One LSTM layer over the last T rows (<see cref="LstmNetwork"/>); the search varies hidden size and learning rate.</summary>
public sealed class LstmFamily(LstmParameters first) : SequenceFamily
{
    /// <inheritdoc />
    public override string Name => "lstm";

    /// <inheritdoc />
    public override IReadOnlyList<ISequenceParameters> Candidates(int count, int seed) =>
        Draw(first, count, seed, (p, rng) => p with { Hidden = Hiddens[rng.Next(Hiddens.Length)], LearningRate = Rates[rng.Next(Rates.Length)] });

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Create(int width, int sequenceLength, ISequenceParameters p) =>
        new LstmNetwork(width, ((LstmParameters)p).Hidden, 3);

    /// <inheritdoc />
    public override ModelProto Export(nn.Module<Tensor, Tensor> network, FeatureScaler scaler, int sequenceLength) =>
        LstmOnnxExporter.Window(((LstmNetwork)network).Weights(), scaler, sequenceLength);

    /// <inheritdoc />
    public override string Arrangement(int sequenceLength, int stride) =>
        FormattableString.Invariant($"one LSTM layer over the last {sequenceLength} sample rows, softmax head");

    private static readonly int[] Hiddens = [16, 32, 64];
    private static readonly double[] Rates = [1e-3, 2e-3, 5e-3];
}
