namespace HftScalper.Live;

/// <summary>Settings of <see cref="BinanceUsdmGateway"/>.</summary>
public sealed record BinanceUsdmGatewayOptions
{
    /// <summary>Requests the strategy thread may queue for the sender before Submit refuses (CapacityExceeded).</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Queries tried to resolve an Unknown outcome before the order is left Unknown (and logged).</summary>
    public int MaxResolveQueries { get; init; } = 10;

    /// <summary>Pause between resolve queries that themselves end Unknown.</summary>
    public TimeSpan ResolveRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// <c>selfTradePreventionMode</c> sent with every order: <c>NONE</c>, <c>EXPIRE_TAKER</c>, <c>EXPIRE_MAKER</c> or
    /// <c>EXPIRE_BOTH</c> (USD-M has no DECREMENT); null = the account's default (EXPIRE_MAKER on Binance).
    /// </summary>
    public string? SelfTradePrevention { get; init; }

    /// <summary>Use <c>order.modify</c> for a Replace that only changes price and/or quantity of a resting LIMIT/GTX order
    /// (the venue order keeps its id); false = always cancel then place.</summary>
    public bool ModifyInPlace { get; init; } = true;

    /// <summary>Refresh the risk figures (<c>positionRisk</c>) after every position change of <c>ACCOUNT_UPDATE</c>.</summary>
    public bool RefreshRiskOnPositionChange { get; init; } = true;

    /// <summary>The run's clock in ns (report receive times); default wall time since the Unix epoch.</summary>
    public Func<long>? ClockNs { get; init; }

    /// <summary>Log sink (one line per problem), or null.</summary>
    public Action<string>? Log { get; init; }
}
