namespace HftScalper.FakeExchange;

/// <summary>Configuration of a <see cref="FakeBinanceExchange"/>.</summary>
public sealed record FakeExchangeOptions
{
    /// <summary>Symbols served (upper case).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTCUSDT"];

    /// <summary>Seed of the deterministic book generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>One depth update per symbol per tick.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Emit USD-M futures messages (<c>T</c>, <c>pu</c>; snapshot with <c>E</c>, <c>T</c>).</summary>
    public bool Futures { get; init; }

    /// <summary>Interval of the server's WebSocket ping frames.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A connection whose pong does not come back within this time is aborted (Binance: 1 minute).</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Incoming messages per second per connection before the server drops it (Binance spot: 5).</summary>
    public int MaxIncomingPerSecond { get; init; } = 5;

    /// <summary>When set, replay this real recording (hftbacktest format, one symbol) instead of generating data.</summary>
    public IReadOnlyList<string>? Recording { get; init; }

    /// <summary>Recorded messages sent per tick when replaying a recording.</summary>
    public int RecordedMessagesPerTick { get; init; } = 20;

    /// <summary>REQUEST_WEIGHT per minute reported in <c>X-MBX-USED-WEIGHT-1M</c>.</summary>
    public int WeightLimitPerMinute { get; init; } = 6000;
}
