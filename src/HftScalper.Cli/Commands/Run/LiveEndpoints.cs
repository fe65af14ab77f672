using HftScalper.Binance.Live;
using HftScalper.Binance.WsApi;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// The three bases of a spot testnet or live run: market streams, WebSocket API (orders, user data) and REST
/// (exchangeInfo, server time, depth snapshots). Presets from Binance's docs, each overridable: <c>--url</c> alone
/// implies the REST base (http(s) on the same host) and the WebSocket API (<c>/ws-api/v3</c> on the same host), as the
/// fake exchange serves them.
/// </summary>
/// <param name="Stream">Market streams base.</param>
/// <param name="WsApi">WebSocket API endpoint.</param>
/// <param name="Rest">REST base.</param>
internal sealed record LiveEndpoints(Uri Stream, Uri WsApi, Uri Rest)
{
    /// <summary>Spot testnet (developers.binance.com, "Testnet General Info").</summary>
    public static readonly LiveEndpoints SpotTestnet = new(new Uri("wss://stream.testnet.binance.vision"), WsApiClientOptions.SpotTestnet,
        new Uri("https://testnet.binance.vision"));

    /// <summary>Spot mainnet.</summary>
    public static readonly LiveEndpoints SpotMainnet = new(LiveClientOptions.SpotMainnet().StreamBaseUri, WsApiClientOptions.SpotMainnet,
        LiveClientOptions.SpotMainnet().RestBaseUri);

    /// <summary>The mode's preset with the command line's overrides.</summary>
    public static LiveEndpoints Resolve(RunMode mode, Uri? url, Uri? wsApi, Uri? rest)
    {
        var e = mode == RunMode.Live ? SpotMainnet : SpotTestnet;
        if (url is not null)
        {
            var http = new UriBuilder(url) { Scheme = url.Scheme == "wss" ? "https" : "http", Path = "/" }.Uri;
            var ws = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : url.Scheme == "http" ? "ws" : url.Scheme, Path = "/ws-api/v3" }.Uri;
            e = new LiveEndpoints(url, ws, http);
        }
        return e with { WsApi = wsApi ?? e.WsApi, Rest = rest ?? e.Rest };
    }
}
