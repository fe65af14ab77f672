namespace HftScalper.Live;

/// <summary>
/// The exchange's own risk figures of one futures symbol (USD-M or COIN-M) (until the economics issue brings a margin model, live USD-M
/// risk checks orders against these): from <c>positionRisk</c>, invalidated by a position change in
/// <c>ACCOUNT_UPDATE</c> until the next <c>positionRisk</c> answer.
/// </summary>
/// <param name="Known">True when <see cref="MarkPriceTicks"/> and <see cref="LiquidationPriceTicks"/> describe the
/// current position; false (never queried, or the position changed since) means an order cannot be checked: refuse it.</param>
/// <param name="PositionLots">Signed position amount in lots (latest of <c>positionRisk</c> and <c>ACCOUNT_UPDATE</c>).</param>
/// <param name="MarkPriceTicks">Mark price in ticks (rounded to the tick grid).</param>
/// <param name="LiquidationPriceTicks">Liquidation price in ticks; 0 when the exchange reports none (no position, or
/// one so small or well-margined that there is no liquidation price).</param>
/// <param name="UpdatedNs">When the figures were last refreshed (wall clock, ns since the Unix epoch); 0 = never.</param>
public readonly record struct FuturesRiskFigures(bool Known, long PositionLots, long MarkPriceTicks, long LiquidationPriceTicks, long UpdatedNs);
