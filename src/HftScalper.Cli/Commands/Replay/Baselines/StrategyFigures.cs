using HftScalper.Reporting;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Replay.Baselines;

/// <summary>
/// One strategy's economics over the run's events, as <c>--baselines</c> reports them side by side: orders and fills,
/// PnL before fees (gross), fees and net, mean markouts of its fills at 1/5/30 s and at the model's horizon, the
/// break-even fee rate, why it stopped, and the same fills' net PnL re-priced at USD-M VIP 0 fees (no second pass:
/// gross PnL and markouts are those of the fills made at the run's own fees).
/// </summary>
internal sealed record StrategyFigures
{
    /// <summary>Strategy name (<c>model</c>, <c>fallback</c>, <c>noInformationMaker</c>).</summary>
    public required string Strategy { get; init; }

    /// <summary>What the strategy does, one sentence.</summary>
    public required string Description { get; init; }

    /// <summary>Decision digest of this strategy's pass (the run's own digest for <c>model</c>).</summary>
    public required string Digest { get; init; }

    /// <summary>Orders sent.</summary>
    public long Orders { get; init; }

    /// <summary>Closed round trips.</summary>
    public long Trades { get; init; }

    /// <summary>The fills' attribution (gross, fees, notional, break-even fee rate, terms).</summary>
    public required PnlAttribution Attribution { get; init; }

    /// <summary>Mean markouts at the recorder's horizons (1, 5, 30 s).</summary>
    public required IReadOnlyList<MarkoutSummary> Markouts { get; init; }

    /// <summary>Mean markout at the model's horizon.</summary>
    public required MarkoutSummary AtHorizon { get; init; }

    /// <summary>The fills per bucket of exchange time, for the uncertainty of the figures and of the comparisons.</summary>
    public required FillBuckets Buckets { get; init; }

    /// <summary>Mean markout at the model's horizon with its cluster-robust 95 % interval.</summary>
    public ClusteredEstimate MarkoutInterval => ClusteredStatistics.Markout(Buckets);

    /// <summary>Gross PnL with the cluster-robust 95 % interval of its per-bucket sum.</summary>
    public ClusteredEstimate GrossInterval => ClusteredStatistics.Gross(Buckets, Attribution.GrossPnl);

    /// <summary>Notional filled as a maker, quote currency.</summary>
    public double MakerNotional { get; init; }

    /// <summary>Why trading stopped (<see cref="Reporting.StopReason"/> code) and the sentence.</summary>
    public required string StopReason { get; init; }

    /// <summary>The stop reason's sentence.</summary>
    public required string StopReasonText { get; init; }

    /// <summary>Share of fills made as a maker.</summary>
    public double MakerShare => Attribution.Fills == 0 ? 0 : (double)Attribution.MakerFills / Attribution.Fills;

    /// <summary>Net PnL of the same fills had they paid <paramref name="fees"/> (by each fill's liquidity), funding kept.</summary>
    public double NetAt(FeeSchedule fees)
    {
        double taker = Attribution.Notional - MakerNotional;
        return Attribution.GrossPnl + Attribution.Funding - (MakerNotional * fees.MakerPpm + taker * fees.TakerPpm) / 1e6;
    }

    /// <summary>USD-M VIP 0 (0.02 % maker, 0.05 % taker).</summary>
    public static FeeSchedule UsdmVip0 => FeeTiers.Get("usdm-vip0");

    /// <summary>The figures of one finished pass.</summary>
    public static StrategyFigures Of(string strategy, string description, RunSummary summary, long orders, HorizonMarkoutTap tap)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(tap);
        var at = tap.AtHorizon.Markouts();
        return new StrategyFigures
        {
            Strategy = strategy,
            Description = description,
            Digest = summary.Digest,
            Orders = orders,
            Trades = summary.Trades,
            Attribution = summary.Attribution,
            Markouts = summary.Markouts,
            AtHorizon = at[0],
            MakerNotional = tap.MakerNotional,
            Buckets = tap.Buckets,
            StopReason = summary.StopReason,
            StopReasonText = summary.StopReasonText,
        };
    }
}
