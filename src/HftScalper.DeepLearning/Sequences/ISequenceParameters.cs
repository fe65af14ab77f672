namespace HftScalper.DeepLearning.Sequences;

/// <summary>The optimiser settings every sequence family's candidate carries (what <see cref="WindowTrainer"/> reads).</summary>
public interface ISequenceParameters
{
    /// <summary>Adam learning rate.</summary>
    double LearningRate { get; }

    /// <summary>Windows per optimiser step.</summary>
    int BatchSize { get; }

    /// <summary>Most passes over the training windows (early stopping usually ends sooner).</summary>
    int MaxEpochs { get; }

    /// <summary>Epochs without a better early-stopping loss before training stops.</summary>
    int Patience { get; }
}
