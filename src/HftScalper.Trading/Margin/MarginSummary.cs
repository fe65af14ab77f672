namespace HftScalper.Trading.Margin;

/// <summary>The USD-M figures of a run (quote asset amounts as doubles, for the summary only).</summary>
/// <param name="Leverage">Configured default leverage.</param>
/// <param name="MarginMode">cross or isolated.</param>
/// <param name="MaxInitialMarginUsed">Largest initial margin of the positions seen at a decision, quote asset.</param>
/// <param name="MinLiquidationDistanceBps">Smallest distance of a liquidation price to the mark seen at a decision,
/// basis points (null when no position was held).</param>
/// <param name="LiquidationReduces">Positions closed for being near their liquidation price.</param>
/// <param name="FundingPayments">Funding payments booked.</param>
/// <param name="FundingTotal">Net funding, quote asset (negative: paid).</param>
/// <param name="MarkSource"><c>markPrice</c> (recorded or live stream) or <c>mid</c>.</param>
/// <param name="FundingSource"><c>markPrice</c> (the stream's funding times and rates) or <c>schedule</c> (configured).</param>
/// <param name="MarkPrices">Mark-price events applied.</param>
/// <param name="StaleMarkFallbacks">Times a mark price had aged past its limit and the mid marked instead.</param>
public sealed record MarginSummary(int Leverage, string MarginMode, double MaxInitialMarginUsed, double? MinLiquidationDistanceBps,
    long LiquidationReduces, long FundingPayments, double FundingTotal, string MarkSource, string FundingSource = "schedule",
    long MarkPrices = 0, long StaleMarkFallbacks = 0)
{
    /// <summary>The figures of a USD-M run that did not trade (no margin account was built): nothing used, nothing paid.</summary>
    public static MarginSummary Idle(FuturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MarginSummary(options.Leverage, options.MarginMode.ToString().ToLowerInvariant(), 0, null, 0, 0, 0, "mid");
    }

    /// <summary>The figures of <paramref name="account"/>.</summary>
    public static MarginSummary Of(MarginAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        double unit = Math.Pow(10, -account.AccountDecimals);
        long d = account.MinLiquidationDistanceCentiBps;
        return new MarginSummary(account.Options.Leverage, account.Options.MarginMode.ToString().ToLowerInvariant(),
            account.MaxInitialMarginUsed * unit, d == long.MaxValue ? null : d / 100.0, account.LiquidationReduces,
            account.FundingPayments, account.FundingTotal * unit, account.MarkSource, account.FundingSource, account.MarkPrices,
            account.StaleMarkFallbacks);
    }
}
