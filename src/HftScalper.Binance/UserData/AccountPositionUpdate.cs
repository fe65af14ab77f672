namespace HftScalper.Binance.UserData;

/// <summary>Spot <c>outboundAccountPosition</c>: the balances that changed, sent after any balance change.</summary>
/// <param name="EventTimeMs">Event time <c>E</c>.</param>
/// <param name="LastUpdateTimeMs">Time of the last account update (<c>u</c>): orders these events.</param>
/// <param name="Balances">The changed balances (<c>B</c>).</param>
internal sealed record AccountPositionUpdate(long EventTimeMs, long LastUpdateTimeMs, IReadOnlyList<AssetBalance> Balances)
    : UserDataEvent(EventTimeMs);
