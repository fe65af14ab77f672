namespace HftScalper.Reporting.Fills;

/// <summary>
/// The run's net PnL split into additive terms, each a contribution in quote currency (positive = made money); the
/// terms sum to <see cref="Pnl"/> (up to <see cref="Residual"/>, floating-point rounding). With side s (+1 buy,
/// -1 sell), fill price p, quantity q, mid m just before the fill, m(h) the mid h after it:
/// <list type="bullet">
/// <item><see cref="SpreadCaptured"/> = sum s (m - p) q: what each fill earned against the mid (a maker earns the
/// half spread, a taker pays it: negative).</item>
/// <item><see cref="AdverseSelection"/> = sum s (m(H) - m) q at the attribution horizon H: how the mid moved in our
/// favour just after our fills (negative = adversely selected: the market moved against the side we traded).</item>
/// <item><see cref="Inventory"/>: every other mid move while holding a position (the position's mid value change over
/// the run, less the adverse-selection part).</item>
/// <item><see cref="CloseOut"/>: open positions at the end valued at the price the ledger marks them at (bid for a
/// long, ask for a short) instead of the mid: minus the half spread of an open position, 0 when flat.</item>
/// <item><see cref="Fees"/> = minus the fees paid (a maker rebate makes it positive).</item>
/// <item><see cref="Funding"/>: funding payments (USD-M perpetuals); 0 on spot. New cost terms go beside it and into
/// <see cref="SumOfTerms"/>.</item>
/// </list>
/// </summary>
public sealed record PnlAttribution
{
    /// <summary>The run's net PnL (after fees) the terms explain.</summary>
    public double Pnl { get; init; }

    /// <summary>Fill price against the mid just before the fill, sign-adjusted.</summary>
    public double SpreadCaptured { get; init; }

    /// <summary>Mid move over the attribution horizon after each fill, sign-adjusted (negative = adverse).</summary>
    public double AdverseSelection { get; init; }

    /// <summary>The rest of the mid moves while holding.</summary>
    public double Inventory { get; init; }

    /// <summary>Open positions at the end marked at bid (long) or ask (short) rather than the mid.</summary>
    public double CloseOut { get; init; }

    /// <summary>Minus the fees paid.</summary>
    public double Fees { get; init; }

    /// <summary>Funding received minus paid (0 on spot).</summary>
    public double Funding { get; init; }

    /// <summary>Sum of the terms.</summary>
    public double SumOfTerms => SpreadCaptured + AdverseSelection + Inventory + CloseOut + Fees + Funding;

    /// <summary><see cref="Pnl"/> minus <see cref="SumOfTerms"/>: rounding, or fills after the run's last mark.</summary>
    public double Residual => Pnl - SumOfTerms;

    /// <summary>The attribution horizon H in seconds.</summary>
    public double AdverseSelectionHorizonSeconds { get; init; }

    /// <summary>Fees paid (positive; negative = net rebate).</summary>
    public double FeesPaid { get; init; }

    /// <summary>PnL before fees: <see cref="Pnl"/> + <see cref="FeesPaid"/>.</summary>
    public double GrossPnl { get; init; }

    /// <summary>Traded notional: sum p q over every fill, quote currency.</summary>
    public double Notional { get; init; }

    /// <summary>Fills.</summary>
    public long Fills { get; init; }

    /// <summary>Fills as maker.</summary>
    public long MakerFills { get; init; }

    /// <summary>Fees paid per unit of notional (0.001 = 0.1 %).</summary>
    public double FeeRate { get; init; }

    /// <summary>
    /// The fee rate (per unit of notional, the same on every fill) at which the run's net PnL would be 0:
    /// <see cref="GrossPnl"/> / <see cref="Notional"/>. Below 0 the run loses before fees (it would need a rebate).
    /// </summary>
    public double BreakEvenFeeRate { get; init; }

    /// <summary>Net PnL at another fee rate (per unit of notional, same on every fill): gross - rate x notional.</summary>
    public double PnlAtFeeRate(double rate) => GrossPnl - rate * Notional;
}
