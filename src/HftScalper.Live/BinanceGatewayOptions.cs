namespace HftScalper.Live;

/// <summary>Settings both Binance gateways have (<see cref="BinanceSpotGatewayOptions"/>,
/// <see cref="BinanceFuturesGatewayOptions"/>).</summary>
public abstract record BinanceGatewayOptions
{
    /// <summary>Requests the strategy thread may queue for the sender before Submit refuses (CapacityExceeded).</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Queries tried to resolve an Unknown outcome before the order is left Unknown (and logged).</summary>
    public int MaxResolveQueries { get; init; } = 10;

    /// <summary>Pause between resolve queries that themselves end Unknown.</summary>
    public TimeSpan ResolveRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The run's clock in ns (report receive times); default wall time since the Unix epoch.</summary>
    public Func<long>? ClockNs { get; init; }

    /// <summary>Log sink (one line per problem), or null.</summary>
    public Action<string>? Log { get; init; }
}
