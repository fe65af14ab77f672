namespace HftScalper.Training.Validation;

/// <summary>How test blocks and training sets are laid out in time.</summary>
public enum SplitScheme
{
    /// <summary>Train on everything before the test block, test on the block, roll forward (expanding window).</summary>
    WalkForward = 0,

    /// <summary>Contiguous test blocks over the whole span; train on both sides (purged k-fold).</summary>
    PurgedKFold = 1,

    /// <summary>Samples dealt to folds at random, ignoring time: the leaky split, kept only to show the leak.</summary>
    Shuffled = 2,
}
