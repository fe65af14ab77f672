namespace HftScalper.Trading.Margin;

/// <summary>
/// One row of a maintenance-margin bracket table (Binance <c>GET /fapi/v1/leverageBracket</c>): a position whose
/// notional is at most <see cref="NotionalCap"/> (and above the previous row's cap) keeps
/// <see cref="MaintenanceMarginRate"/> of its notional as maintenance margin, minus the bracket's maintenance amount
/// (<c>cum</c>, derived from the rows as Binance does: cum_k = cum_(k-1) + floor_k x (rate_k - rate_(k-1))), and may
/// use at most <see cref="MaxLeverage"/>.
/// </summary>
public sealed record MarginBracket
{
    /// <summary>Upper notional bound of the bracket, quote asset (e.g. 50000 USDT).</summary>
    public double NotionalCap { get; init; }

    /// <summary>Maintenance margin rate, a fraction of notional (0.004 = 0.4 %).</summary>
    public double MaintenanceMarginRate { get; init; }

    /// <summary>Highest leverage allowed in the bracket.</summary>
    public int MaxLeverage { get; init; } = 125;
}
