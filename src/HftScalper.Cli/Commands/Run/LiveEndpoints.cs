using HftScalper.Binance.Live;
using HftScalper.Binance.WsApi;
using HftScalper.Live;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// The bases of a testnet or live run: market streams, WebSocket API (orders; spot's user data too), REST
/// (exchangeInfo, server time, depth snapshots; USD-M's account, positions and listenKey) and, on USD-M, the listenKey
/// user data stream base. Presets from Binance's docs, each overridable: <c>--url</c> alone implies the REST base
/// (http(s) on the same host), the WebSocket API (<c>/ws-api/v3</c>, USD-M <c>/ws-fapi/v1</c>, COIN-M <c>/ws-dapi/v1</c>, on the same host) and the
/// user data stream (the same host), as the fake exchange serves them.
/// </summary>
/// <param name="Stream">Market streams base.</param>
/// <param name="WsApi">WebSocket API endpoint.</param>
/// <param name="Rest">REST base.</param>
/// <param name="UserStream">USD-M user data stream base (<c>{UserStream}/ws/{listenKey}</c>); spot: the market streams base (unused).</param>
internal sealed record LiveEndpoints(Uri Stream, Uri WsApi, Uri Rest, Uri UserStream)
{
    /// <summary>Spot testnet (developers.binance.com, "Testnet General Info").</summary>
    public static readonly LiveEndpoints SpotTestnet = new(new Uri("wss://stream.testnet.binance.vision"), WsApiClientOptions.SpotTestnet,
        new Uri("https://testnet.binance.vision"), new Uri("wss://stream.testnet.binance.vision"));

    /// <summary>Spot mainnet.</summary>
    public static readonly LiveEndpoints SpotMainnet = new(LiveClientOptions.SpotMainnet().StreamBaseUri, WsApiClientOptions.SpotMainnet,
        LiveClientOptions.SpotMainnet().RestBaseUri, LiveClientOptions.SpotMainnet().StreamBaseUri);

    /// <summary>USD-M futures testnet (testnet.binancefuture.com): streams and user data on <c>wss://fstream.binancefuture.com</c>.</summary>
    public static readonly LiveEndpoints UsdMFuturesTestnet = new(FuturesVenueEndpoints.Testnet.UserStream, FuturesVenueEndpoints.Testnet.WsApi,
        FuturesVenueEndpoints.Testnet.Rest, FuturesVenueEndpoints.Testnet.UserStream);

    /// <summary>USD-M futures mainnet (fapi / ws-fapi / fstream.binance.com).</summary>
    public static readonly LiveEndpoints UsdMFutures = new(LiveClientOptions.UsdMFutures().StreamBaseUri, FuturesVenueEndpoints.Mainnet.WsApi,
        FuturesVenueEndpoints.Mainnet.Rest, FuturesVenueEndpoints.Mainnet.UserStream);

    /// <summary>COIN-M futures testnet (testnet.binancefuture.com's <c>/dapi</c> and <c>/ws-dapi/v1</c>, streams on dstream.binancefuture.com).</summary>
    public static readonly LiveEndpoints CoinMFuturesTestnet = new(FuturesVenueEndpoints.CoinMTestnet.UserStream, FuturesVenueEndpoints.CoinMTestnet.WsApi,
        FuturesVenueEndpoints.CoinMTestnet.Rest, FuturesVenueEndpoints.CoinMTestnet.UserStream);

    /// <summary>COIN-M futures mainnet (dapi / ws-dapi / dstream.binance.com).</summary>
    public static readonly LiveEndpoints CoinMFutures = new(LiveClientOptions.CoinMFutures().StreamBaseUri, FuturesVenueEndpoints.CoinMMainnet.WsApi,
        FuturesVenueEndpoints.CoinMMainnet.Rest, FuturesVenueEndpoints.CoinMMainnet.UserStream);

    /// <summary>The futures venue's three bases for <paramref name="market"/> (USD-M or COIN-M).</summary>
    public FuturesVenueEndpoints Futures(BinanceMarket market) => new(Rest, WsApi, UserStream) { Market = market };

    /// <summary>The mode's and market's preset with the command line's overrides.</summary>
    public static LiveEndpoints Resolve(RunMode mode, BinanceMarket market, Uri? url, Uri? wsApi, Uri? rest)
    {
        var e = (mode == RunMode.Live, market) switch
        {
            (true, BinanceMarket.Spot) => SpotMainnet,
            (false, BinanceMarket.Spot) => SpotTestnet,
            (true, BinanceMarket.CoinMFutures) => CoinMFutures,
            (false, BinanceMarket.CoinMFutures) => CoinMFuturesTestnet,
            (true, _) => UsdMFutures,
            _ => UsdMFuturesTestnet,
        };
        if (url is not null)
        {
            var http = new UriBuilder(url) { Scheme = url.Scheme == "wss" ? "https" : "http", Path = "/" }.Uri;
            var ws = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : url.Scheme == "http" ? "ws" : url.Scheme, Path = market.WsApiPath() }.Uri;
            e = new LiveEndpoints(url, ws, http, url);
        }
        return e with { WsApi = wsApi ?? e.WsApi, Rest = rest ?? e.Rest };
    }
}
