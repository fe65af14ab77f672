namespace HftScalper.Live;

/// <summary>What reconciliation does with an open order at the venue that the tracker does not hold open.</summary>
public enum UnknownOrderPolicy
{
    /// <summary>Cancel it (every open order of the traded symbols is cancelled; ours come back as Cancelled reports). Default.</summary>
    Cancel = 0,

    /// <summary>Leave it working and exclude it from later comparisons (its fills are not in the ledger: the position
    /// check will disagree, and halt trading, once it trades).</summary>
    Adopt = 1,
}
