namespace HftScalper.Binance.UserData;

/// <summary>Which Binance market an event (or a WebSocket API connection) belongs to.</summary>
public enum UserDataMarket : byte
{
    /// <summary>Spot (<c>executionReport</c>, <c>outboundAccountPosition</c>, <c>balanceUpdate</c>).</summary>
    Spot = 0,

    /// <summary>USD-M futures (<c>ORDER_TRADE_UPDATE</c>, <c>ACCOUNT_UPDATE</c>, <c>listenKeyExpired</c>); COIN-M futures
    /// send the same events in the same shape (quantities in contracts, amounts in the coin) and parse as this too.</summary>
    UsdM = 1,
}
