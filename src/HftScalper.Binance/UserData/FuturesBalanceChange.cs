namespace HftScalper.Binance.UserData;

/// <summary>One asset of a USD-M <c>ACCOUNT_UPDATE</c>, amounts at <see cref="UserDataEvent.AmountDecimals"/>.</summary>
/// <param name="Asset">Asset (<c>a</c>).</param>
/// <param name="WalletBalance">Wallet balance (<c>wb</c>).</param>
/// <param name="CrossWalletBalance">Cross wallet balance (<c>cw</c>).</param>
/// <param name="BalanceChange">Change except PnL and commission (<c>bc</c>).</param>
public sealed record FuturesBalanceChange(string Asset, long WalletBalance, long CrossWalletBalance, long BalanceChange);
