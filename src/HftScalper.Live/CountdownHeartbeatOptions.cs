namespace HftScalper.Live;

/// <summary>Settings of <see cref="CountdownHeartbeat"/>.</summary>
public sealed record CountdownHeartbeatOptions
{
    /// <summary><c>countdownTime</c>: the exchange cancels a symbol's open orders if not re-armed within this.</summary>
    public TimeSpan CountdownTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Re-arm period (well below <see cref="CountdownTime"/>, so one lost call does not kill the orders).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before retrying a symbol whose re-arm failed.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Log sink (one line per failure and per state change), or null.</summary>
    public Action<string>? Log { get; init; }
}
