using HftScalper.Binance.Live;

namespace HftScalper.Live;

/// <summary>Where a futures venue lives (USD-M, or COIN-M with <see cref="Market"/>): REST base, WebSocket API endpoint
/// and the user data stream base (<c>{UserStream}/ws/{listenKey}</c>).</summary>
/// <param name="Rest">REST base, e.g. <c>https://fapi.binance.com</c>.</param>
/// <param name="WsApi">WebSocket API endpoint, e.g. <c>wss://ws-fapi.binance.com/ws-fapi/v1</c>.</param>
/// <param name="UserStream">User data stream base, e.g. <c>wss://fstream.binance.com</c>.</param>
public sealed record FuturesVenueEndpoints(Uri Rest, Uri WsApi, Uri UserStream)
{
    /// <summary>The futures market: <see cref="BinanceMarket.UsdMFutures"/> (<c>/fapi</c>) or
    /// <see cref="BinanceMarket.CoinMFutures"/> (<c>/dapi</c>, inverse contracts).</summary>
    public BinanceMarket Market { get; init; } = BinanceMarket.UsdMFutures;

    /// <summary>Binance USD-M mainnet.</summary>
    public static FuturesVenueEndpoints Mainnet { get; } = new(new Uri("https://fapi.binance.com"),
        new Uri("wss://ws-fapi.binance.com/ws-fapi/v1"), new Uri("wss://fstream.binance.com"));

    /// <summary>Binance USD-M testnet (testnet.binancefuture.com).</summary>
    public static FuturesVenueEndpoints Testnet { get; } = new(new Uri("https://testnet.binancefuture.com"),
        new Uri("wss://testnet.binancefuture.com/ws-fapi/v1"), new Uri("wss://fstream.binancefuture.com"));

    /// <summary>Binance COIN-M mainnet (dapi / ws-dapi / dstream.binance.com; the COIN-M WebSocket API since 2025-02-25).</summary>
    public static FuturesVenueEndpoints CoinMMainnet { get; } = new(new Uri("https://dapi.binance.com"),
        new Uri("wss://ws-dapi.binance.com/ws-dapi/v1"), new Uri("wss://dstream.binance.com")) { Market = BinanceMarket.CoinMFutures };

    /// <summary>Binance COIN-M testnet (testnet.binancefuture.com serves <c>/dapi</c> and <c>/ws-dapi/v1</c>; streams on
    /// <c>dstream.binancefuture.com</c>).</summary>
    public static FuturesVenueEndpoints CoinMTestnet { get; } = new(new Uri("https://testnet.binancefuture.com"),
        new Uri("wss://testnet.binancefuture.com/ws-dapi/v1"), new Uri("wss://dstream.binancefuture.com")) { Market = BinanceMarket.CoinMFutures };

    /// <summary>A fake exchange (or any single host) serving all three on one base: <c>http://host:port</c> gives
    /// REST there, the WebSocket API at <c>ws://host:port/ws-fapi/v1</c> (COIN-M <c>/ws-dapi/v1</c>) and the stream at
    /// <c>ws://host:port/ws/..</c>.</summary>
    public static FuturesVenueEndpoints SingleHost(Uri restBase, BinanceMarket market = BinanceMarket.UsdMFutures)
    {
        ArgumentNullException.ThrowIfNull(restBase);
        string ws = restBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return new FuturesVenueEndpoints(restBase, new UriBuilder(restBase) { Scheme = ws, Path = market.WsApiPath() }.Uri,
            new UriBuilder(restBase) { Scheme = ws, Path = "/" }.Uri) { Market = market };
    }
}
