using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Onnx.Proto;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>
/// What differs between sequence families in <see cref="SequenceTrainingJob"/>: the candidates searched, the network
/// a candidate makes and how a trained network is written as ONNX. Data, windows, folds, early stopping and the
/// report are shared.
/// </summary>
public abstract class SequenceFamily
{
    /// <summary>The family's name in <c>hft train --family</c> and the JSON's <c>family</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The seeded search: the first candidate is the given one, <paramref name="count"/> in all at most.</summary>
    public abstract IReadOnlyList<ISequenceParameters> Candidates(int count, int seed);

    /// <summary>A fresh network for windows of <paramref name="sequenceLength"/> rows of <paramref name="width"/> features.</summary>
    public abstract nn.Module<Tensor, Tensor> Create(int width, int sequenceLength, ISequenceParameters p);

    /// <summary>The window model over raw feature rows (the scaler folded in).</summary>
    public abstract ModelProto Export(nn.Module<Tensor, Tensor> network, FeatureScaler scaler, int sequenceLength);

    /// <summary>One line describing the arrangement (the JSON's <c>arrangement</c>).</summary>
    public abstract string Arrangement(int sequenceLength, int stride);

    /// <summary>Seeded distinct draws around <paramref name="first"/>: <paramref name="vary"/> makes a candidate from the generator.</summary>
    protected static IReadOnlyList<ISequenceParameters> Draw<T>(T first, int count, int seed, Func<T, Random, T> vary)
        where T : ISequenceParameters
    {
        ArgumentNullException.ThrowIfNull(vary);
        var list = new List<T> { first };
        var rng = new Random(seed);
        for (int guard = 0; list.Count < count && guard < 100; guard++)
        {
            var p = vary(first, rng);
            if (!list.Contains(p)) list.Add(p);
        }
        return [.. list.Cast<ISequenceParameters>()];
    }
}
