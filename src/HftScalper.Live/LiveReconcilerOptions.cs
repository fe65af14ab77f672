namespace HftScalper.Live;

/// <summary>Settings of <see cref="LiveReconciler"/> (and of the comparison it asks the trading thread for).</summary>
public sealed record LiveReconcilerOptions
{
    /// <summary>Time between periodic reconciliations (besides the one at start and those after reconnects).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between reconciliations while the last one disagreed (trading is halted meanwhile).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Comparisons tried in one reconciliation before it counts as a disagreement (fills and acks in flight
    /// make a single comparison differ for a moment).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Pause between the attempts of one reconciliation.</summary>
    public TimeSpan AttemptDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the trading thread may take to answer a comparison (it does at its next market event).</summary>
    public TimeSpan CompareTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unknown open orders at the venue: cancelled (default) or adopted.</summary>
    public UnknownOrderPolicy UnknownOrders { get; init; } = UnknownOrderPolicy.Cancel;

    /// <summary>Largest base-position difference taken as agreement, lots.</summary>
    public double PositionToleranceLots { get; init; } = 1.0;

    /// <summary>Largest quote-balance difference taken as agreement, in the quote asset.</summary>
    public decimal QuoteTolerance { get; init; } = 0.01m;

    /// <summary>Log sink (one line per event or difference), or null.</summary>
    public Action<string>? Log { get; init; }
}
