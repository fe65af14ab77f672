namespace HftScalper.Binance.UserData;

/// <summary>Settings of a <see cref="FuturesUserDataStream"/>.</summary>
public sealed record FuturesUserDataOptions
{
    /// <summary>USD-M REST base, e.g. <c>https://fapi.binance.com</c> (listenKey POST/PUT).</summary>
    public required Uri RestBase { get; init; }

    /// <summary>USD-M WebSocket base, e.g. <c>wss://fstream.binance.com</c>; the stream is <c>{base}/ws/{listenKey}</c>.</summary>
    public required Uri StreamBase { get; init; }

    /// <summary>The listenKey REST path: USD-M <c>/fapi/v1/listenKey</c>, COIN-M <c>/dapi/v1/listenKey</c>.</summary>
    public string ListenKeyPath { get; init; } = "/fapi/v1/listenKey";

    /// <summary>Keep-alive <c>PUT</c> period (a key lives 60 min without one).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long connecting and each REST call may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted message.</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>Log sink (never receives the API key or the listenKey).</summary>
    public Action<string>? Log { get; init; }
}
