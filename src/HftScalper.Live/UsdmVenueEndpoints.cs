namespace HftScalper.Live;

/// <summary>Where a USD-M venue lives: REST base, WebSocket API endpoint and the user data stream base
/// (<c>{UserStream}/ws/{listenKey}</c>).</summary>
/// <param name="Rest">REST base, e.g. <c>https://fapi.binance.com</c>.</param>
/// <param name="WsApi">WebSocket API endpoint, e.g. <c>wss://ws-fapi.binance.com/ws-fapi/v1</c>.</param>
/// <param name="UserStream">User data stream base, e.g. <c>wss://fstream.binance.com</c>.</param>
public sealed record UsdmVenueEndpoints(Uri Rest, Uri WsApi, Uri UserStream)
{
    /// <summary>Binance USD-M mainnet.</summary>
    public static UsdmVenueEndpoints Mainnet { get; } = new(new Uri("https://fapi.binance.com"),
        new Uri("wss://ws-fapi.binance.com/ws-fapi/v1"), new Uri("wss://fstream.binance.com"));

    /// <summary>Binance USD-M testnet (testnet.binancefuture.com).</summary>
    public static UsdmVenueEndpoints Testnet { get; } = new(new Uri("https://testnet.binancefuture.com"),
        new Uri("wss://testnet.binancefuture.com/ws-fapi/v1"), new Uri("wss://fstream.binancefuture.com"));

    /// <summary>A fake exchange (or any single host) serving all three on one base: <c>http://host:port</c> gives
    /// REST there, the WebSocket API at <c>ws://host:port/ws-fapi/v1</c> and the stream at <c>ws://host:port/ws/..</c>.</summary>
    public static UsdmVenueEndpoints SingleHost(Uri restBase)
    {
        ArgumentNullException.ThrowIfNull(restBase);
        string ws = restBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return new UsdmVenueEndpoints(restBase, new UriBuilder(restBase) { Scheme = ws, Path = "/ws-fapi/v1" }.Uri,
            new UriBuilder(restBase) { Scheme = ws, Path = "/" }.Uri);
    }
}
