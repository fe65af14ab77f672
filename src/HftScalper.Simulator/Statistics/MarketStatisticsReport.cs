namespace HftScalper.Simulator.Statistics;

/// <summary>The statistics <see cref="MarketStatistics"/> measures on a recorded or simulated stream (one symbol).
/// Prices in ticks of 0.01, sizes in base-asset units.</summary>
public sealed record MarketStatisticsReport
{
    /// <summary>Seconds covered (first to last local timestamp).</summary>
    public double Seconds { get; init; }

    /// <summary>Mean bid-ask spread over bookTicker updates, ticks.</summary>
    public double SpreadMeanTicks { get; init; }

    /// <summary>Share of bookTicker updates with a one-tick spread.</summary>
    public double SpreadOneTickShare { get; init; }

    /// <summary>Mean quantity at the best level (average of both sides), sampled after every applied diff.</summary>
    public double Depth1 { get; init; }

    /// <summary>Mean quantity over the best 5 levels of one side.</summary>
    public double Depth5 { get; init; }

    /// <summary>Mean quantity over the best 10 levels of one side.</summary>
    public double Depth10 { get; init; }

    /// <summary>Depth diffs per second.</summary>
    public double DiffRate { get; init; }

    /// <summary>Mean price levels per diff.</summary>
    public double LevelsPerDiff { get; init; }

    /// <summary>Update ids per second (book events).</summary>
    public double UpdateIdRate { get; init; }

    /// <summary>bookTicker messages per second.</summary>
    public double BookTickerRate { get; init; }

    /// <summary>Trade messages per second.</summary>
    public double TradeRate { get; init; }

    /// <summary>Median trade size.</summary>
    public double TradeSizeMedian { get; init; }

    /// <summary>90th percentile trade size.</summary>
    public double TradeSizeP90 { get; init; }

    /// <summary>Fano factor (variance / mean) of trade counts per 1 s: 1 for Poisson, far above for bursts.</summary>
    public double TradeFano1s { get; init; }

    /// <summary>Fano factor of bookTicker counts per 1 s.</summary>
    public double BookTickerFano1s { get; init; }

    /// <summary>Mid-price changes per second.</summary>
    public double MidChangeRate { get; init; }

    /// <summary>Standard deviation of the 1 s mid-price change, ticks.</summary>
    public double MidVolatility1sTicks { get; init; }

    /// <summary>Hit rate of sign(best bid qty - best ask qty) at each bookTicker against the direction of the next
    /// mid change: 0.5 is no predictability.</summary>
    public double ImbalanceHitRate { get; init; }

    /// <summary>Number of bookTicker samples behind <see cref="ImbalanceHitRate"/>.</summary>
    public long ImbalanceSamples { get; init; }

    /// <summary>Hit rate of the best-queue imbalance sign, sampled every 100 ms, against the sign of the mid change
    /// over the next 1 s (samples with no change skipped): the edge at a 1 s horizon.</summary>
    public double ImbalanceHitRate1s { get; init; }

    /// <summary>Number of samples behind <see cref="ImbalanceHitRate1s"/>.</summary>
    public long ImbalanceSamples1s { get; init; }

    /// <summary>As <see cref="ImbalanceHitRate1s"/> over the next 10 s (the default model's horizon).</summary>
    public double ImbalanceHitRate10s { get; init; }

    /// <summary>Number of samples behind <see cref="ImbalanceHitRate10s"/>.</summary>
    public long ImbalanceSamples10s { get; init; }

    /// <summary>Diffs applied under the sync rules.</summary>
    public long DiffsApplied { get; init; }

    /// <summary>Diffs dropped because the snapshot already contained them.</summary>
    public long DiffsDropped { get; init; }

    /// <summary>Gaps found under the sync rules (must be 0).</summary>
    public long Gaps { get; init; }

    /// <summary>Crossed books after a diff (must be 0).</summary>
    public long Crossed { get; init; }

    /// <summary>bookTickers whose u equals the last applied diff's u (checkable against the rebuilt book).</summary>
    public long TickersChecked { get; init; }

    /// <summary>Of those, how many disagreed with the rebuilt best bid/ask (must be 0).</summary>
    public long TickersMismatched { get; init; }

    /// <summary>Malformed or unrecognised lines skipped.</summary>
    public long BadLines { get; init; }
}
