namespace HftScalper.Reporting;

/// <summary>
/// What the adaptation loop (<c>--adapt</c>) did over a run, for the report's timeline plot: the live model's accuracy
/// per window of exchange time and the loop's steps (drift alarms, retrains, candidates, promotions, rollbacks).
/// Times are exchange-time seconds from the run's first event.
/// </summary>
public sealed record AdaptationTimeline
{
    /// <summary>Exchange time of the run's first event, ns since the Unix epoch (the plot's origin).</summary>
    public long OriginNs { get; init; }

    /// <summary>Exchange-time seconds the run lasted.</summary>
    public double RunSeconds { get; init; }

    /// <summary>Length of one accuracy window, seconds.</summary>
    public double WindowSeconds { get; init; } = 10;

    /// <summary>The live model's accuracy per window (windows without a resolved prediction are left out).</summary>
    public IReadOnlyList<AdaptationPoint> Points { get; init; } = [];

    /// <summary>The loop's steps, in order.</summary>
    public IReadOnlyList<AdaptationMark> Marks { get; init; } = [];

    /// <summary>The market change (given or estimated by the first alarm), seconds; null = none.</summary>
    public double? ChangeAtSeconds { get; init; }

    /// <summary>Where <see cref="ChangeAtSeconds"/> came from (<c>given</c>, <c>driftEstimate</c>).</summary>
    public string? ChangeSource { get; init; }
}

/// <summary>One accuracy window of the timeline.</summary>
/// <param name="Seconds">Start of the window, exchange-time seconds from the first event.</param>
/// <param name="Accuracy">Share of resolved live predictions that were right.</param>
/// <param name="Resolved">Resolved predictions in the window.</param>
public readonly record struct AdaptationPoint(double Seconds, double Accuracy, long Resolved);

/// <summary>One step of the loop on the timeline.</summary>
/// <param name="Kind"><c>alarm</c>, <c>retrain</c>, <c>candidate</c>, <c>promotion</c>, <c>rollback</c>, ... (the loop's event kinds).</param>
/// <param name="Seconds">Exchange-time seconds from the first event.</param>
/// <param name="Detail">What happened, in words (the marker's tooltip).</param>
public readonly record struct AdaptationMark(string Kind, double Seconds, string Detail);
