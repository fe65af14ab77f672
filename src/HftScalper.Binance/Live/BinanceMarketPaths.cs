namespace HftScalper.Binance.Live;

/// <summary>What each <see cref="BinanceMarket"/> is called on the wire: its REST prefix and venue name. The one home of
/// these names, so a market added to the enum is added here once.</summary>
public static class BinanceMarketPaths
{
    /// <summary>The REST prefix of the market's public and order endpoints: <c>/api/v3</c>, <c>/fapi/v1</c> or <c>/dapi/v1</c>.</summary>
    public static string RestPrefix(this BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => "/api/v3",
        BinanceMarket.UsdMFutures => "/fapi/v1",
        BinanceMarket.CoinMFutures => "/dapi/v1",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "not a Binance market"),
    };

    /// <summary>The path of the market's WebSocket API (orders, account): <c>/ws-api/v3</c>, <c>/ws-fapi/v1</c> or
    /// <c>/ws-dapi/v1</c>.</summary>
    public static string WsApiPath(this BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => "/ws-api/v3",
        BinanceMarket.UsdMFutures => "/ws-fapi/v1",
        BinanceMarket.CoinMFutures => "/ws-dapi/v1",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "not a Binance market"),
    };

    /// <summary>The futures market's per-symbol leverage brackets: COIN-M <c>/dapi/v2/leverageBracket</c> (its v1 answers
    /// per pair), USD-M <c>/fapi/v1/leverageBracket</c>; spot has none.</summary>
    public static string LeverageBracketPath(this BinanceMarket market) => market switch
    {
        BinanceMarket.UsdMFutures => "/fapi/v1/leverageBracket",
        BinanceMarket.CoinMFutures => "/dapi/v2/leverageBracket",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "not a futures market"),
    };

    /// <summary>The venue name symbols of the market register under (<c>binance-spot</c>, <c>binance-usdm</c>,
    /// <c>binance-coinm</c>; the names <see cref="Parsing.KnownSymbols"/> and recordings' headers use).</summary>
    public static string VenueName(this BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => "binance-spot",
        BinanceMarket.UsdMFutures => "binance-usdm",
        BinanceMarket.CoinMFutures => "binance-coinm",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "not a Binance market"),
    };

    /// <summary>The market's <c>--market</c> name: <c>spot</c>, <c>usdm</c> or <c>coinm</c>.</summary>
    public static string CliName(this BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => "spot",
        BinanceMarket.UsdMFutures => "usdm",
        BinanceMarket.CoinMFutures => "coinm",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "not a Binance market"),
    };

    /// <summary>Parses a <c>--market</c> name (<c>spot</c>, <c>usdm</c>, <c>coinm</c>; any case).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static BinanceMarket Parse(string name, string option = "--market") => name.ToLowerInvariant() switch
    {
        "spot" => BinanceMarket.Spot,
        "usdm" => BinanceMarket.UsdMFutures,
        "coinm" => BinanceMarket.CoinMFutures,
        _ => throw new ArgumentException($"{option} must be spot, usdm or coinm, not '{name}'"),
    };
}
