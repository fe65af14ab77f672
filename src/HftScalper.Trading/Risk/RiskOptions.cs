using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Risk;

/// <summary>Risk settings (init-only). Amounts are account units of the <see cref="Ledger.PositionLedger"/>
/// (10^-AccountDecimals of the quote asset); fractions are of current equity unless said otherwise.</summary>
public sealed class RiskOptions
{
    /// <summary>Multiplier on the full Kelly fraction (0.25 = quarter Kelly).</summary>
    public double KellyFraction { get; init; } = 0.25;

    /// <summary>Cap on the sized fraction of equity per position, after the multiplier.</summary>
    public double MaxEquityFraction { get; init; } = 0.10;

    /// <summary>Closed round trips needed before the running payoff ratio replaces the prior.</summary>
    public int MinTradesForStats { get; init; } = 30;

    /// <summary>Payoff ratio b (average win / average loss) assumed until <see cref="MinTradesForStats"/>.</summary>
    public double PriorPayoffRatio { get; init; } = 1.0;

    /// <summary>Target-position floor in lots when the edge is positive (0: one lot size).</summary>
    public long MinPositionLots { get; init; }

    /// <summary>Target-position cap in lots from sizing (the hard limit is <see cref="MaxPositionLots"/>).</summary>
    public long MaxSizeLots { get; init; } = long.MaxValue;

    /// <summary>Volatility at which no scaling applies; above it the fraction shrinks by target/vol. 0 = off.</summary>
    public double TargetVolatility { get; init; }

    /// <summary>Hard limit: |position| plus open orders on that side, per symbol, in lots.</summary>
    public long MaxPositionLots { get; init; } = long.MaxValue;

    /// <summary>Hard limit: notional per symbol after the order, as a fraction of equity.</summary>
    public double MaxSymbolNotionalFraction { get; init; } = 0.5;

    /// <summary>Hard limit: notional over all symbols after the order, as a fraction of equity.</summary>
    public double MaxTotalNotionalFraction { get; init; } = 1.0;

    /// <summary>Hard limit: average orders per second (token bucket on the run's clock).</summary>
    public double MaxOrdersPerSecond { get; init; } = 10;

    /// <summary>Token bucket depth (orders that may go at once).</summary>
    public int OrderBurst { get; init; } = 5;

    /// <summary>Hard limit: open orders at once (all symbols).</summary>
    public int MaxOpenOrders { get; init; } = 4;

    /// <summary>Hard limit: loss since the start of the UTC day, as a fraction of that day's starting equity.</summary>
    public double DailyLossFraction { get; init; } = 0.02;

    /// <summary>Kill switch: drawdown from the high-water mark, as a fraction of it (seed target: &lt; 5 %).</summary>
    public double MaxDrawdownFraction { get; init; } = 0.05;

    /// <summary>Fail closed when the symbol's last event is older than this, ns of exchange time.</summary>
    public long StaleAfterNs { get; init; } = 5_000_000_000;

    /// <summary>Whether the rule-based fallback may trade while the model is unhealthy.</summary>
    public bool AllowFallback { get; init; } = true;

    /// <summary>Whether a flat signal closes an open position.</summary>
    public bool ExitOnFlat { get; init; } = true;

    /// <summary>Order type for entries: <see cref="OrderType.Ioc"/> at the touch (default), <see cref="OrderType.PostOnly"/>
    /// at our own side's best, <see cref="OrderType.Limit"/> at the touch, or <see cref="OrderType.Market"/>.</summary>
    public OrderType EntryOrderType { get; init; } = OrderType.Ioc;

    /// <summary>Order type for exits (flat signal or opposite signal). Default IOC at the touch.</summary>
    public OrderType ExitOrderType { get; init; } = OrderType.Ioc;

    /// <summary>Ticks an IOC/limit price may go beyond the touch (slippage allowance).</summary>
    public long SlippageTicks { get; init; }

    /// <summary>Checks the settings (call at start-up).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(KellyFraction);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxEquityFraction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PriorPayoffRatio);
        ArgumentOutOfRangeException.ThrowIfNegative(MinPositionLots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSizeLots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPositionLots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxOrdersPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(OrderBurst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOpenOrders, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DailyLossFraction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDrawdownFraction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(StaleAfterNs);
        ArgumentOutOfRangeException.ThrowIfNegative(SlippageTicks);
        if (EntryOrderType == OrderType.None || ExitOrderType is OrderType.None or OrderType.PostOnly)
            throw new ArgumentException("entry needs an order type; exits must be able to take liquidity");
    }
}
