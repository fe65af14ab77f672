namespace HftScalper.Reporting.Fills;

/// <summary>Mean markout of the run's fills at one horizon (unweighted mean over fills; 0 when none resolved).</summary>
public sealed record MarkoutSummary
{
    /// <summary>Horizon in seconds after the fill.</summary>
    public double HorizonSeconds { get; init; }

    /// <summary>Fills whose markout resolved.</summary>
    public long Resolved { get; init; }

    /// <summary>Fills left without a markout: the run ended (or the waiting ring overflowed) first.</summary>
    public long Unresolved { get; init; }

    /// <summary>Of <see cref="Unresolved"/>, those given up because a symbol's waiting ring was full.</summary>
    public long Dropped { get; init; }

    /// <summary>side x (mid(t+h) - fill price) / fill price, in bps: spread captured plus the move (positive = good);
    /// null when no fill's markout resolved (a mean of nothing has no value: it had been written as 0).</summary>
    public double? MeanBps { get; init; }

    /// <summary>side x (mid(t+h) - mid(t)) / mid(t), in bps: the move alone (positive = the market went our way); null
    /// when no fill's markout resolved.</summary>
    public double? MeanMidBps { get; init; }
}
