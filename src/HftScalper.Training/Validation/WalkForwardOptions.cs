namespace HftScalper.Training.Validation;

/// <summary>Fold layout, purge and embargo.</summary>
public sealed record WalkForwardOptions
{
    /// <summary>Number of test blocks.</summary>
    public int Folds { get; init; } = 4;

    /// <summary>Walk-forward: the share of the samples before the first test block (the first training window).</summary>
    public double InitialTrainFraction { get; init; } = 0.4;

    /// <summary>Layout.</summary>
    public SplitScheme Scheme { get; init; } = SplitScheme.WalkForward;

    /// <summary>Drop training samples whose label window <c>[t, t+h]</c> overlaps the test block's time span.</summary>
    public bool Purge { get; init; } = true;

    /// <summary>Drop training samples that start within this many ns after the test block ends (test labels reach
    /// past the block by the horizon, and features carry memory); -1 = one horizon.</summary>
    public long EmbargoNs { get; init; } = -1;

    /// <summary>Seed of the <see cref="SplitScheme.Shuffled"/> deal.</summary>
    public int Seed { get; init; } = 1;
}
