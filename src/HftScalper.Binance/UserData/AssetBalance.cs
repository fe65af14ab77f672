namespace HftScalper.Binance.UserData;

/// <summary>One asset's spot balance, amounts at <see cref="UserDataEvent.AmountDecimals"/>.</summary>
/// <param name="Asset">Asset name (<c>a</c>).</param>
/// <param name="Free">Free amount (<c>f</c>).</param>
/// <param name="Locked">Locked amount (<c>l</c>), held by open orders.</param>
internal sealed record AssetBalance(string Asset, long Free, long Locked);
