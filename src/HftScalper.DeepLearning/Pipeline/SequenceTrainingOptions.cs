using HftScalper.DeepLearning.Lstm;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>Sequence-model settings of <c>hft train --family lstm|transformer</c> (data, labels and folds come from the tree job's options).</summary>
public sealed record SequenceTrainingOptions
{
    /// <summary>Sample rows per window (T); at 250 ms samples, 20 rows = the last 5 s.</summary>
    public int SequenceLength { get; init; } = 20;

    /// <summary>Sample rows between consecutive window rows (1 = the last T sample rows; 4 at 250 ms samples = one row a second).</summary>
    public int Stride { get; init; } = 1;

    /// <summary>Longest time between consecutive rows of one window; a longer gap starts a new sequence.</summary>
    public long MaxGapNs { get; init; } = 5_000_000_000;

    /// <summary>The LSTM's first candidate (the LSTM overload of <see cref="SequenceTrainingJob"/>); later ones vary hidden size and learning rate (seeded).</summary>
    public LstmParameters Parameters { get; init; } = new();

    /// <summary>Candidates searched (1 = <see cref="Parameters"/> only).</summary>
    public int Candidates { get; init; } = 2;
}
