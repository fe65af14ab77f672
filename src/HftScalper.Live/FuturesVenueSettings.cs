namespace HftScalper.Live;

/// <summary>Settings of <see cref="FuturesVenueConnection.ConnectAsync"/>.</summary>
public sealed record FuturesVenueSettings
{
    /// <summary>The gateway's settings (self-trade prevention, modify in place, ...).</summary>
    public BinanceFuturesGatewayOptions Gateway { get; init; } = new();

    /// <summary>The dead-man switch's settings (countdown 30 s, re-armed every 10 s by default).</summary>
    public CountdownHeartbeatOptions Heartbeat { get; init; } = new();

    /// <summary>Log sink for every part (never receives keys or signatures), or null.</summary>
    public Action<string>? Log { get; init; }
}
