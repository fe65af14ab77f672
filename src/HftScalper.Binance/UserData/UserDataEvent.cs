namespace HftScalper.Binance.UserData;

/// <summary>
/// One event of a Binance user data stream (spot: on the WebSocket API connection; USD-M: on the listenKey stream),
/// parsed into a typed record. Money amounts that belong to no symbol (balances, commissions, cumulative quote,
/// profit) are integers scaled by 10^<see cref="AmountDecimals"/>, Binance's own precision for them.
/// </summary>
/// <param name="EventTimeMs">The event time <c>E</c> (exchange milliseconds).</param>
public abstract record UserDataEvent(long EventTimeMs)
{
    /// <summary>Decimal places of every asset amount (balances, commissions, quote totals, PnL).</summary>
    public const int AmountDecimals = 8;
}
