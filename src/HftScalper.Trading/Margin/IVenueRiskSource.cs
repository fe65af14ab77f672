namespace HftScalper.Trading.Margin;

/// <summary>
/// A live venue's own risk figures (Binance USD-M: <c>positionRisk</c>, invalidated by <c>ACCOUNT_UPDATE</c> until
/// re-queried), read by <see cref="MarginAccount"/> on the trading thread so risk prefers the exchange's liquidation
/// price over the one it computes. Implementations must answer without locks or allocation (a published snapshot).
/// </summary>
public interface IVenueRiskSource
{
    /// <summary>
    /// The exchange's liquidation price of a symbol's position in ticks (0: none, e.g. a long that cannot be liquidated)
    /// and the signed position in lots it describes. False when the venue has no current figure (never queried, or the
    /// position changed since): the caller then uses its own.
    /// </summary>
    bool TryGetLiquidation(int symbolId, out long positionLots, out long liquidationTicks);
}
