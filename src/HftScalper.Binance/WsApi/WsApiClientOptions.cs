namespace HftScalper.Binance.WsApi;

/// <summary>Settings of a <see cref="WsApiClient"/>.</summary>
public sealed record WsApiClientOptions
{
    /// <summary>Spot mainnet endpoint.</summary>
    public static readonly Uri SpotMainnet = new("wss://ws-api.binance.com:443/ws-api/v3");

    /// <summary>Spot testnet endpoint.</summary>
    public static readonly Uri SpotTestnet = new("wss://ws-api.testnet.binance.vision/ws-api/v3");

    /// <summary>USD-M futures mainnet endpoint.</summary>
    public static readonly Uri UsdmMainnet = new("wss://ws-fapi.binance.com/ws-fapi/v1");

    /// <summary>USD-M futures testnet endpoint.</summary>
    public static readonly Uri UsdmTestnet = new("wss://testnet.binancefuture.com/ws-fapi/v1");

    /// <summary>The WebSocket API endpoint.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>How long a request waits for its response before its outcome becomes Unknown.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long connecting (TCP + TLS + upgrade) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Log on with <c>session.logon</c> when the signer's key is Ed25519 (later requests then skip apiKey/signature).</summary>
    public bool LogOn { get; init; } = true;

    /// <summary>Subscribe to the user data stream on every connection (spot; USD-M uses the listenKey stream).</summary>
    public bool SubscribeUserData { get; init; } = true;

    /// <summary><c>recvWindow</c> sent with signed requests (ms); null: omitted (exchange default 5000).</summary>
    public long? RecvWindowMs { get; init; }

    /// <summary>The <c>timestamp</c> source in ms (plug the server-time-offset clock here); null: the wall clock.</summary>
    public Func<long>? TimestampMs { get; init; }

    /// <summary>Largest accepted message; larger ones are counted and dropped.</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;

    /// <summary>Log sink for connection events and counted faults (never receives keys or signatures).</summary>
    public Action<string>? Log { get; init; }
}
