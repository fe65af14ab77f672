namespace HftScalper.Live;

/// <summary>Settings of <see cref="FuturesVenueConnection.ConnectAsync"/>.</summary>
public sealed record FuturesVenueSettings
{
    /// <summary>The gateway's settings (self-trade prevention, modify in place, ...).</summary>
    public BinanceFuturesGatewayOptions Gateway { get; init; } = new();

    /// <summary>The dead-man switch's settings (countdown 30 s, re-armed every 10 s by default).</summary>
    public CountdownHeartbeatOptions Heartbeat { get; init; } = new();

    /// <summary>exchangeInfo already read by the caller (filters and rate limits; <c>hft run</c> reads it once for every
    /// mode), or null: <see cref="FuturesVenueConnection.ConnectAsync"/> reads it.</summary>
    public Binance.Rules.ExchangeInfo? ExchangeInfo { get; init; }

    /// <summary>Log sink for every part (never receives keys or signatures), or null.</summary>
    public Action<string>? Log { get; init; }
}
