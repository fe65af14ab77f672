namespace HftScalper.Binance.UserData;

/// <summary>Spot <c>balanceUpdate</c>: a deposit, withdrawal or transfer changed a balance.</summary>
/// <param name="EventTimeMs">Event time <c>E</c>.</param>
/// <param name="Asset">Asset (<c>a</c>).</param>
/// <param name="Delta">Signed change (<c>d</c>) at <see cref="UserDataEvent.AmountDecimals"/>.</param>
/// <param name="ClearTimeMs">Clear time (<c>T</c>).</param>
internal sealed record BalanceDelta(long EventTimeMs, string Asset, long Delta, long ClearTimeMs) : UserDataEvent(EventTimeMs);
