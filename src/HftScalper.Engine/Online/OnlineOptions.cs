using HftScalper.Inference.Online;

namespace HftScalper.Engine.Online;

/// <summary>How a run learns online beside its frozen direction model (<see cref="OnlineStage"/>).</summary>
public sealed record OnlineOptions
{
    /// <summary>The online layer(s), their pending predictions and running scores.</summary>
    public required OnlineLearner Learner { get; init; }

    /// <summary>
    /// True: the online layer's probabilities replace the frozen model's in the decision (for the decisions the A/B
    /// split routes to it), so it trades; the layer then runs on the inference stage. False (default): it is scored
    /// beside the frozen model on a side consumer and never changes a decision (the digest is unchanged).
    /// </summary>
    public bool Drive { get; init; }

    /// <summary>Horizon after which a decision's realised direction is its label, ns (use the frozen model's). Default 5 s.</summary>
    public long HorizonNs { get; init; } = 5_000_000_000;

    /// <summary>Mid moves strictly larger than this many ticks are up or down (the training labels' threshold). Default 0.5.</summary>
    public double ThresholdTicks { get; init; } = 0.5;

    /// <summary>When above 0, a relative threshold in bps of the mid replaces <see cref="ThresholdTicks"/>.</summary>
    public double ThresholdBps { get; init; }

    /// <summary>Highest symbol id + 1 labelled (default 64).</summary>
    public int MaxSymbols { get; init; } = 64;

    /// <summary>Decisions of one symbol that can wait for the horizon at once (default 2^16).</summary>
    public int PendingCapacity { get; init; } = 1 << 16;
}
