using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Online;

/// <summary>Settings of an <see cref="OnlineLearner"/>.</summary>
public sealed record OnlineLearnerOptions
{
    /// <summary>The FTRL-Proximal learning rate and regularisation.</summary>
    public FtrlOptions Ftrl { get; init; } = new();

    /// <summary>Standardised inputs are clipped to ± this many standard deviations. Default 5.</summary>
    public double Clip { get; init; } = 5;

    /// <summary>
    /// True (default): the layer reads the feature row beside the frozen model's log-probabilities (it can learn what
    /// the frozen model missed). False: only the log-probabilities and a bias (online recalibration of the frozen model).
    /// </summary>
    public bool UseFeatures { get; init; } = true;

    /// <summary>
    /// Per symbol, a label is learnt only when its decision is at least this long (exchange time, ns) after the last
    /// one learnt: decisions a few ms apart share one price path and one label, and learning each of them would weigh a
    /// single move hundreds of times. Every decision is still predicted and scored. 0 = learn every label. Default 250 ms.
    /// </summary>
    public long LearnSpacingNs { get; init; } = 250_000_000;

    /// <summary>
    /// Predictions kept while they wait for their label (rounded up to a power of two; each holds a copy of its row).
    /// Must exceed the decisions made in one horizon, or the labels of overwritten ones are lost. Default 2^16.
    /// </summary>
    public int PendingCapacity { get; init; } = 1 << 16;

    /// <summary>Decision time per block of the paired tests, ns (<see cref="OutcomeBlocks.DurationFor"/> of the horizon). Default 10 s.</summary>
    public long BlockNs { get; init; } = OutcomeBlocks.MinimumNs;

    /// <summary>
    /// Per-symbol layers (transfer): a symbol's own layer starts as a copy of the shared layer once the shared one has
    /// learnt <see cref="TransferAfter"/> samples, then learns only that symbol's labels; it serves the symbol once it
    /// graduates (beats the shared layer on that symbol's decisions by the paired log-loss test). Default off.
    /// </summary>
    public bool PerSymbol { get; init; }

    /// <summary>Shared samples learnt before a symbol's own layer is warm-started from the shared one. Default 2000.</summary>
    public long TransferAfter { get; init; } = 2000;

    /// <summary>One-sided p-value under which a symbol's own layer graduates (log-loss better than the shared layer's). Default 0.05.</summary>
    public double GraduationAlpha { get; init; } = 0.05;

    /// <summary>Completed blocks of the symbol's decisions a graduation needs. Default 10.</summary>
    public long GraduationMinBlocks { get; init; } = 10;

    /// <summary>Highest symbol id + 1 with its own layer (default 64; higher ids use the shared one).</summary>
    public int MaxSymbols { get; init; } = 64;

    /// <summary>A/B routing of decisions between the frozen model (live arm) and the online layer (candidate arm); null = none.</summary>
    public AbRouter? Ab { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ftrl);
        Ftrl.Validate();
        if (!(Clip > 0) || double.IsInfinity(Clip)) throw new ArgumentOutOfRangeException(nameof(Clip), Clip, "clip must be finite and > 0");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PendingCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PendingCapacity, 1 << 24);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockNs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(LearnSpacingNs);
        ArgumentOutOfRangeException.ThrowIfNegative(TransferAfter);
        if (!(GraduationAlpha > 0 && GraduationAlpha < 1)) throw new ArgumentOutOfRangeException(nameof(GraduationAlpha), GraduationAlpha, "must be in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(GraduationMinBlocks, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSymbols);
    }
}
