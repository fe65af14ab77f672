namespace HftScalper.Binance.UserData;

/// <summary>USD-M <c>ACCOUNT_UPDATE</c>: balances and positions that changed (fields under <c>a</c>).</summary>
/// <param name="EventTimeMs">Event time <c>E</c>.</param>
/// <param name="TransactionTimeMs">Transaction time <c>T</c>: orders these events.</param>
/// <param name="Reason">Reason type (<c>m</c>), e.g. <c>ORDER</c>, <c>FUNDING_FEE</c>, <c>DEPOSIT</c>.</param>
/// <param name="Balances">Changed balances (<c>B</c>).</param>
/// <param name="Positions">Changed positions (<c>P</c>).</param>
public sealed record FuturesAccountUpdate(long EventTimeMs, long TransactionTimeMs, string Reason,
    IReadOnlyList<FuturesBalanceChange> Balances, IReadOnlyList<FuturesPositionChange> Positions) : UserDataEvent(EventTimeMs);
