namespace HftScalper.Live;

/// <summary>Settings of <see cref="BinanceFuturesGateway"/>: those of every Binance gateway and the futures ones (USD-M and COIN-M).</summary>
public sealed record BinanceFuturesGatewayOptions : BinanceGatewayOptions
{
    /// <summary>
    /// <c>selfTradePreventionMode</c> sent with every order: <c>NONE</c>, <c>EXPIRE_TAKER</c>, <c>EXPIRE_MAKER</c> or
    /// <c>EXPIRE_BOTH</c> (USD-M has no DECREMENT); null = the account's default (EXPIRE_MAKER on Binance).
    /// </summary>
    public string? SelfTradePrevention { get; init; }

    /// <summary>Use <c>order.modify</c> for a Replace that only changes price and/or quantity of a resting LIMIT/GTX order
    /// (the venue order keeps its id); false = always cancel then place.</summary>
    public bool ModifyInPlace { get; init; } = true;

    /// <summary>Refresh the risk figures (<c>positionRisk</c>) after every position change of <c>ACCOUNT_UPDATE</c>.</summary>
    public bool RefreshRiskOnPositionChange { get; init; } = true;
}
