namespace HftScalper.Binance.Live;

/// <summary>
/// Configuration of a <see cref="LiveMarketDataClient"/>: endpoints, streams and the reliability timings.
/// Presets: <see cref="SpotMainnet"/>, <see cref="SpotTestnet"/>, <see cref="UsdMFutures"/>,
/// <see cref="UsdMFuturesTestnet"/>, <see cref="CoinMFutures"/>, <see cref="CoinMFuturesTestnet"/>, <see cref="Local"/>.
/// </summary>
public sealed record LiveClientOptions
{
    /// <summary>WebSocket base (the client appends <c>/stream?streams=...</c>).</summary>
    public Uri StreamBaseUri { get; init; } = new("wss://stream.binance.com:9443");

    /// <summary>REST base for depth snapshots.</summary>
    public Uri RestBaseUri { get; init; } = new("https://api.binance.com");

    /// <summary>Market: decides the snapshot path.</summary>
    public BinanceMarket Market { get; init; } = BinanceMarket.Spot;

    /// <summary>Upper- or lower-case symbols to follow (each must be registered in the registry).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Subscribe <c>@depth@100ms</c> (true) or <c>@depth</c> (1 s).</summary>
    public bool FastDepth { get; init; } = true;

    /// <summary>Also subscribe <c>@bookTicker</c>.</summary>
    public bool BookTicker { get; init; }

    /// <summary>Also subscribe <c>@trade</c>.</summary>
    public bool Trades { get; init; }

    /// <summary>Also subscribe <c>@markPrice@1s</c> (USD-M and COIN-M futures only: spot has no mark price; ignored there).</summary>
    public bool MarkPrice { get; init; }

    /// <summary>Levels per side of the REST snapshot (weight: 1-100: 5, 101-500: 25, 501-1000: 50, more: 250).</summary>
    public int SnapshotLimit { get; init; } = 1000;

    /// <summary>REQUEST_WEIGHT per minute (read it from <c>exchangeInfo</c>: 6000 on spot at the time of writing).</summary>
    public int RequestWeightPerMinute { get; init; } = 6000;

    /// <summary>Streams per connection (Binance: at most 1024).</summary>
    public int MaxStreamsPerConnection { get; init; } = 1024;

    /// <summary>Streams named in the connect URL; the rest are added with SUBSCRIBE messages.</summary>
    public int UrlStreamLimit { get; init; } = 200;

    /// <summary>Streams per SUBSCRIBE message.</summary>
    public int StreamsPerControlMessage { get; init; } = 200;

    /// <summary>Control messages per second per connection (Binance counts 5/s on spot, pongs included).</summary>
    public double ControlMessagesPerSecond { get; init; } = 4;

    /// <summary>Rotate (make-before-break) a connection this old; Binance closes them at 24 h.</summary>
    public TimeSpan MaxConnectionAge { get; init; } = TimeSpan.FromHours(23);

    /// <summary>A connection with no message for this long is declared dead and replaced.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap of the reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait, during a rotation, for the new connection to overlap the old one before switching.</summary>
    public TimeSpan HandoverTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connect timeout of one attempt.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Client-initiated WebSocket ping interval (0: only answer the server's pings, as Binance expects).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.Zero;

    /// <summary>With <see cref="KeepAliveInterval"/> set: abort when our ping gets no pong within this time.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Initial receive buffer (grows to the largest message seen, up to <see cref="MaxFrameBytes"/>).</summary>
    public int InitialReceiveBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Largest accepted WebSocket message; bigger ones are counted and dropped.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest REST snapshot body accepted; a larger answer is counted, dropped and fetched again.</summary>
    public int MaxSnapshotBytes { get; init; } = Transport.DepthSnapshotClient.DefaultMaxBodyBytes;

    /// <summary>Longest pause a REST <c>Retry-After</c> may impose (an absurd one is capped here and logged).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = Transport.DepthSnapshotClient.DefaultMaxRetryAfter;

    /// <summary>Ids of symbols may go up to this (per-symbol arrays are sized once).</summary>
    public int MaxSymbolId { get; init; } = 4096;

    /// <summary>Log sink for connection events and counted faults (null: silent).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The REST path of depth snapshots for <see cref="Market"/>.</summary>
    public string DepthSnapshotPath => Market.RestPrefix() + "/depth";

    /// <summary>Spot mainnet: <c>wss://stream.binance.com:9443</c>, <c>https://api.binance.com</c>.</summary>
    public static LiveClientOptions SpotMainnet(params string[] symbols) => new() { Symbols = symbols };

    /// <summary>Spot testnet: <c>wss://stream.testnet.binance.vision</c>, <c>https://testnet.binance.vision</c>.</summary>
    public static LiveClientOptions SpotTestnet(params string[] symbols) => new()
    {
        StreamBaseUri = new("wss://stream.testnet.binance.vision"),
        RestBaseUri = new("https://testnet.binance.vision"),
        Symbols = symbols,
    };

    /// <summary>USD-M futures mainnet: <c>wss://fstream.binance.com</c>, <c>https://fapi.binance.com</c>.</summary>
    public static LiveClientOptions UsdMFutures(params string[] symbols) => new()
    {
        StreamBaseUri = new("wss://fstream.binance.com"),
        RestBaseUri = new("https://fapi.binance.com"),
        Market = BinanceMarket.UsdMFutures,
        RequestWeightPerMinute = 2400,
        ControlMessagesPerSecond = 8,
        Symbols = symbols,
    };

    /// <summary>USD-M futures testnet: <c>wss://stream.binancefuture.com</c>, <c>https://testnet.binancefuture.com</c>.</summary>
    public static LiveClientOptions UsdMFuturesTestnet(params string[] symbols) => UsdMFutures(symbols) with
    {
        StreamBaseUri = new("wss://stream.binancefuture.com"),
        RestBaseUri = new("https://testnet.binancefuture.com"),
    };

    /// <summary>COIN-M futures mainnet: <c>wss://dstream.binance.com</c>, <c>https://dapi.binance.com</c> (REQUEST_WEIGHT
    /// 2400/min and 10 incoming messages/s per connection, as USD-M).</summary>
    public static LiveClientOptions CoinMFutures(params string[] symbols) => UsdMFutures(symbols) with
    {
        StreamBaseUri = new("wss://dstream.binance.com"),
        RestBaseUri = new("https://dapi.binance.com"),
        Market = BinanceMarket.CoinMFutures,
    };

    /// <summary>COIN-M futures testnet: <c>wss://dstream.binancefuture.com</c>, <c>https://testnet.binancefuture.com</c>.</summary>
    public static LiveClientOptions CoinMFuturesTestnet(params string[] symbols) => CoinMFutures(symbols) with
    {
        StreamBaseUri = new("wss://dstream.binancefuture.com"),
        RestBaseUri = new("https://testnet.binancefuture.com"),
    };

    /// <summary>A local or custom exchange (the fake exchange in tests): one base for both WebSocket and REST.</summary>
    public static LiveClientOptions Local(Uri httpBase, BinanceMarket market, params string[] symbols) => new()
    {
        StreamBaseUri = new UriBuilder(httpBase) { Scheme = httpBase.Scheme == "https" ? "wss" : "ws" }.Uri,
        RestBaseUri = httpBase,
        Market = market,
        Symbols = symbols,
    };

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStreamsPerConnection, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxStreamsPerConnection, Transport.StreamNames.MaxStreamsPerConnection);
        ArgumentOutOfRangeException.ThrowIfLessThan(UrlStreamLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamsPerControlMessage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StaleAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxConnectionAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(SnapshotLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSymbolId, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSnapshotBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero);
    }
}
