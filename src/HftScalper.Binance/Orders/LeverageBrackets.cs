namespace HftScalper.Binance.Orders;

/// <summary>
/// One symbol's element of <c>GET /dapi/v2/leverageBracket</c> (COIN-M) or <c>GET /fapi/v1/leverageBracket</c> (USD-M),
/// asked without a symbol so both answer an array:
/// <c>[{"symbol":"BTCUSD_PERP","brackets":[{"bracket":1,"initialLeverage":125,"qtyCap":50,"qtylFloor":0,"maintMarginRatio":0.004,"cum":0.0}]}]</c>
/// (USD-M states <c>notionalCap</c>/<c>notionalFloor</c> in USDT where COIN-M states <c>qtyCap</c>/<c>qtylFloor</c> in the coin).
/// </summary>
public sealed class LeverageBrackets
{
    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>notionalCoef</c>: the account's multiplier of the default table (present only when it differs).</summary>
    public decimal? NotionalCoef { get; init; }

    /// <summary><c>brackets</c>, in ascending cap.</summary>
    public LeverageBracket[]? Brackets { get; init; }
}
