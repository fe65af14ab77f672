namespace HftScalper.Trading.Risk;

/// <summary>Outcome of <see cref="RiskManager.Evaluate"/>: <see cref="Accept"/> or the reason nothing is sent.
/// Each value has a counter in <see cref="RiskCounters"/>.</summary>
public enum RiskVerdict : byte
{
    /// <summary>An order was produced (and registered with the order tracker): submit it.</summary>
    Accept = 0,

    /// <summary>Flat signal and no position: nothing to do.</summary>
    NoAction = 1,

    /// <summary>Kelly at zero from the model itself: the signal's probability at the prior payoff ratio
    /// (<see cref="RiskOptions.PriorPayoffRatio"/>) gives no positive Kelly fraction (or the Kelly multiplier or cap is
    /// 0). The run's evidence refusing is <see cref="NoEdgeWinRate"/> or <see cref="NoEdgePayoff"/>.</summary>
    NoEdge = 2,

    /// <summary>The position (with open orders) already is at the target size.</summary>
    AtTarget = 3,

    /// <summary>The kill switch is tripped: the engine is halted until an operator resets it.</summary>
    KillSwitchHalted = 4,

    /// <summary>This evaluation tripped the kill switch (max drawdown): call <see cref="RiskManager.Flatten"/>.</summary>
    KillSwitchTripped = 5,

    /// <summary>The daily loss limit is reached: no new exposure until the next UTC day (exits still allowed).</summary>
    DailyLossLimit = 6,

    /// <summary>The symbol's book is not synced.</summary>
    BookNotSynced = 7,

    /// <summary>The symbol's last market event is older than the staleness limit.</summary>
    FeedStale = 8,

    /// <summary>No usable bid/ask (missing, or crossed).</summary>
    NoMarket = 9,

    /// <summary>The model is unhealthy and the signal did not come from the allowed fallback.</summary>
    ModelUnhealthy = 10,

    /// <summary>A fallback signal while the fallback is not allowed by configuration.</summary>
    FallbackNotAllowed = 11,

    /// <summary>Malformed signal: unknown symbol, no source, non-finite or out-of-range confidence.</summary>
    InvalidSignal = 12,

    /// <summary>The sized order is smaller than one lot or the symbol's minimum quantity.</summary>
    BelowMinSize = 13,

    /// <summary>The sized order is below the symbol's minimum notional.</summary>
    BelowMinNotional = 14,

    /// <summary>Would exceed the per-symbol position limit (lots).</summary>
    MaxPosition = 15,

    /// <summary>Would exceed the per-symbol notional limit.</summary>
    MaxSymbolNotional = 16,

    /// <summary>Would exceed the total notional limit.</summary>
    MaxTotalNotional = 17,

    /// <summary>Too many open orders.</summary>
    MaxOpenOrders = 18,

    /// <summary>The order-rate token bucket is empty.</summary>
    OrderRateLimited = 19,

    /// <summary>The order tracker's pool is full.</summary>
    OrderPoolFull = 20,

    /// <summary>A sell beyond what is held on a spot market (no margin): spot cannot go short
    /// (<see cref="RiskOptions.SpotMargin"/>).</summary>
    ShortOnSpot = 21,

    /// <summary>Fat-finger guard: the order's notional is above <see cref="RiskOptions.MaxOrderNotional"/>.</summary>
    MaxOrderNotional = 22,

    /// <summary>Fat-finger guard: the limit price is farther from the mid than <see cref="RiskOptions.PriceBandFraction"/>.</summary>
    PriceBand = 23,

    /// <summary>No new entry on the symbol for a while after the quote manager cancelled an entry whose fill was
    /// unlikely, or stopped out a position (<see cref="Quoting.QuoteOptions.CooldownNs"/>).</summary>
    QuoteCooldown = 24,

    /// <summary>USD-M: the entry's initial margin exceeds the available balance (<see cref="Margin.MarginAccount"/>).</summary>
    InsufficientMargin = 25,

    /// <summary>USD-M: the entry would leave the liquidation price closer to the mark than
    /// <see cref="Margin.FuturesOptions.MinLiquidationDistanceBps"/>.</summary>
    LiquidationTooClose = 26,

    /// <summary>Fail closed: the live venue cannot take a new order now (its user data stream is down, the clock offset
    /// is out of bounds, or reconciliation is running or disagreed); see <see cref="Execution.IVenueGatedGateway"/>.</summary>
    VenueNotReady = 27,

    /// <summary>Expected-value gate: the expected move does not cover the round trip's fees (<see cref="Economics.EdgeModel"/>).</summary>
    EdgeBelowFees = 28,

    /// <summary>Expected-value gate: the move covers the taker's fees but not the spread it crosses in and out.</summary>
    EdgeBelowSpread = 29,

    /// <summary>Expected-value gate: the move covers fees and spread but not the levels a taker of this size walks.</summary>
    EdgeBelowSlippage = 30,

    /// <summary>Expected-value gate: the move covers a maker's fees but not the adverse selection its fill expects.</summary>
    EdgeBelowAdverseSelection = 31,

    /// <summary>Expected-value gate: a maker entry would pay, but its fill before the horizon is too unlikely
    /// (<see cref="RiskOptions.MinMakerFillProbability"/>) and a taker entry would not.</summary>
    MakerFillUnlikely = 32,

    /// <summary>Expected-value gate: the move covers every cost term, but the net expected value does not exceed the
    /// margin (<see cref="RiskOptions.MinEdgeBps"/>).</summary>
    EdgeBelowMargin = 33,

    /// <summary>A sequence model's window of the symbol is still filling: no prediction yet, so no order (not a
    /// failure, and not routed to the fallback).</summary>
    ModelWarming = 34,

    /// <summary>Kelly at zero from the run's win rate: the model's bet has an edge, but the wins and losses of the
    /// run's round trips, shrunk toward the model's probability (<see cref="RiskOptions.KellyPriorTrades"/>), leave
    /// none (the larger of the two evidence terms; see <see cref="KellySizer"/>).</summary>
    NoEdgeWinRate = 35,

    /// <summary>Kelly at zero from the run's payoff ratio: the model's bet has an edge, but the run's mean win / mean
    /// loss, shrunk toward <see cref="RiskOptions.PriorPayoffRatio"/>, leaves none.</summary>
    NoEdgePayoff = 36,

    /// <summary>The entry's time is outside the configured entry window (<see cref="RiskOptions.EntriesFromNs"/>,
    /// <see cref="RiskOptions.EntriesUntilNs"/>); exits are never refused by it.</summary>
    OutsideEntryWindow = 37,
}
