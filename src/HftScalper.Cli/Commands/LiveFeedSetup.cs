using HftScalper.Binance.Live;

namespace HftScalper.Cli.Commands;

/// <summary>What the verbs on a live feed (<c>record</c>, <c>run</c>) share: the client's endpoints (their stop signal is <see cref="Feedback.StopSignal"/>).</summary>
internal static class LiveFeedSetup
{
    /// <summary>The market's mainnet endpoints, or <paramref name="streamBase"/>/<paramref name="restBase"/> when given (a
    /// stream base alone implies the REST base on the same host), with book tickers and trades subscribed, and on the futures markets the
    /// mark price (<c>@markPrice@1s</c>: margin, liquidation checks and funding use it; recorded like every frame).</summary>
    public static LiveClientOptions ClientOptions(IEnumerable<string> symbols, BinanceMarket market, Uri? streamBase, Uri? restBase)
    {
        var names = symbols.ToArray();
        var o = market switch
        {
            BinanceMarket.UsdMFutures => LiveClientOptions.UsdMFutures(names),
            BinanceMarket.CoinMFutures => LiveClientOptions.CoinMFutures(names),
            _ => LiveClientOptions.SpotMainnet(names),
        };
        if (streamBase is { } ws)
        {
            o = o with
            {
                StreamBaseUri = ws,
                RestBaseUri = restBase ?? new UriBuilder(ws) { Scheme = ws.Scheme == "wss" ? "https" : "http" }.Uri,
            };
        }
        else if (restBase is { } restOnly)
        {
            o = o with { RestBaseUri = restOnly };
        }
        return o with { BookTicker = true, Trades = true, MarkPrice = market != BinanceMarket.Spot };
    }
}
