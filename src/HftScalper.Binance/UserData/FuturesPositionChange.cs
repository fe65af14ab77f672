namespace HftScalper.Binance.UserData;

/// <summary>One position of a USD-M <c>ACCOUNT_UPDATE</c>.</summary>
/// <param name="Symbol">Symbol (<c>s</c>).</param>
/// <param name="SymbolId">Registry id, or -1 when the symbol is not registered.</param>
/// <param name="QuantityDecimals">Scale of <paramref name="Amount"/>: the symbol's when known, else <see cref="UserDataEvent.AmountDecimals"/>.</param>
/// <param name="Amount">Signed position amount (<c>pa</c>): negative is short.</param>
/// <param name="EntryPrice">Entry price (<c>ep</c>) at <see cref="UserDataEvent.AmountDecimals"/> (it is an average, off the tick grid).</param>
/// <param name="UnrealizedPnl">Unrealized PnL (<c>up</c>) at <see cref="UserDataEvent.AmountDecimals"/>.</param>
/// <param name="MarginType">Margin type (<c>mt</c>): <c>isolated</c> or <c>cross</c>.</param>
/// <param name="PositionSide">Position side (<c>ps</c>): BOTH, LONG or SHORT.</param>
public sealed record FuturesPositionChange(string Symbol, int SymbolId, int QuantityDecimals, long Amount, long EntryPrice,
    long UnrealizedPnl, string MarginType, string PositionSide);
