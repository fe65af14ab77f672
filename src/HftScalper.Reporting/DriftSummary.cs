namespace HftScalper.Reporting;

/// <summary>What the loss-drift test of one horizon found (see <see cref="LossDriftDetector"/>).</summary>
public sealed record DriftSummary
{
    /// <summary>Alarms: lasting rises of the log-loss over its reference.</summary>
    public long Alarms { get; init; }

    /// <summary>True when the test had its reference and was running at the end.</summary>
    public bool Armed { get; init; }

    /// <summary>Blocks of scored decisions.</summary>
    public long Blocks { get; init; }

    /// <summary>Decision time per block, seconds.</summary>
    public double BlockSeconds { get; init; }

    /// <summary>Scored decision (0-based, label order) at which the first alarm fired; -1 = none.</summary>
    public long FirstAlarmAtLabel { get; init; } = -1;

    /// <summary>The statistic at the end, in reference spreads (alarm above 15).</summary>
    public double Statistic { get; init; }
}
