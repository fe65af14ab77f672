using HftScalper.Binance.Live;

namespace HftScalper.Binance.Rest;

/// <summary>Settings of <see cref="BinanceRestClient"/>.</summary>
/// <param name="BaseUri">REST base: spot <c>https://api.binance.com</c> (testnet <c>https://testnet.binance.vision</c>),
/// USD-M <c>https://fapi.binance.com</c> (testnet <c>https://demo-fapi.binance.com</c>), or the fake exchange.</param>
/// <param name="Market">Spot, USD-M or COIN-M (decides the time and exchangeInfo paths).</param>
public sealed record BinanceRestOptions(Uri BaseUri, BinanceMarket Market)
{
    /// <summary>Time allowed for one request; past it an order's outcome is <see cref="RestOutcome.Unknown"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause a <c>Retry-After</c> may impose (429); longer ones are capped and logged.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Ban length assumed after a 418 without <c>Retry-After</c>.</summary>
    public TimeSpan DefaultBanPause { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest answer body read (bytes); a larger one is an error (Unknown for orders).</summary>
    public int MaxBodyBytes { get; init; } = 8 << 20;

    /// <summary>The server-time path of <see cref="Market"/>.</summary>
    public string TimePath => Market.RestPrefix() + "/time";

    /// <summary>The exchangeInfo path of <see cref="Market"/>.</summary>
    public string ExchangeInfoPath => Market.RestPrefix() + "/exchangeInfo";
}
