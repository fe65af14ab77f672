using HftScalper.DeepLearning.Sequences;

namespace HftScalper.DeepLearning.Lstm;

/// <summary>
/// Fits an <see cref="LstmNetwork"/> on windows of the last T standardised rows: the shared
/// <see cref="WindowTrainer"/> (Adam, cross-entropy, early stopping, seeded) with stride 1.
/// </summary>
/// <param name="scaled">Standardised rows, row-major, <paramref name="width"/> columns.</param>
/// <param name="width">Features per row.</param>
/// <param name="sequenceLength">Rows per window (the window ending at row e is rows <c>e-T+1 .. e</c>).</param>
/// <param name="classes">The direction class of every row (windows are labelled by their last row).</param>
public sealed class LstmTrainer(float[] scaled, int width, int sequenceLength, int[] classes)
{
    private readonly WindowTrainer _trainer = new(scaled, width, sequenceLength, 1, classes);

    /// <summary>What one fit did.</summary>
    /// <param name="Network">The network at its best epoch.</param>
    /// <param name="Epochs">Epochs run.</param>
    /// <param name="BestEpoch">The epoch kept (1-based).</param>
    /// <param name="BestLoss">Its early-stopping loss (the training loss when there is no early-stopping set).</param>
    public sealed record Fit(LstmNetwork Network, int Epochs, int BestEpoch, double BestLoss);

    /// <summary>Trains on windows ending at <paramref name="train"/>; <paramref name="valid"/> (may be empty) stops early.</summary>
    public Fit Train(int[] train, int[] valid, LstmParameters p, int seed, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var fit = _trainer.Train(() => new LstmNetwork(width, p.Hidden, 3), train, valid, p, seed, log);
        return new Fit((LstmNetwork)fit.Network, fit.Epochs, fit.BestEpoch, fit.BestLoss);
    }

    /// <summary>Class probabilities (down, flat, up) of the windows ending at <paramref name="ends"/>, 3 per window.</summary>
    public float[] Predict(LstmNetwork net, ReadOnlySpan<int> ends) => _trainer.Predict(net, ends);

    /// <summary>Mean cross-entropy of the windows ending at <paramref name="ends"/>.</summary>
    public double Loss(LstmNetwork net, int[] ends) => _trainer.Loss(net, ends);
}
