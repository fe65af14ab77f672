using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Recording.Replay;
using HftScalper.Reporting;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay.Baselines;

/// <summary>
/// <c>--baselines</c>: after the run, the rule-based fallback strategy and a no-information maker each replay the same
/// events in a pass of their own (a fresh source, symbol registry, pipeline and recorder each, inline topology), so a
/// user sees what the model adds. Nothing here touches the run's pipeline: the run's decisions and digest are the same
/// with and without baselines, and a run without the flag builds none of this.
/// <list type="bullet">
/// <item><c>fallback</c>: no model, so every decision takes the rule-based fallback signal (allowed even when the
/// configuration forbids the fallback); no expected-value gate (the fallback has no expected move); the run's risk,
/// sizing, entry type, exits and quote management.</item>
/// <item><c>noInformationMaker</c>: <see cref="NoInformationModelSource"/> (a fixed 0.6 for one side: the bid on a
/// market that cannot short, sides alternating every 256 decisions where it can); entries post-only at our own side's
/// touch, no expected-value gate; exits by the quote manager: a passive take-profit one tick beyond the entry (the
/// configured one when set) and a time stop at the quote horizon (the configured factor when set), besides the
/// configured stops; the run's limits, sizing rule and risk.</item>
/// </list>
/// </summary>
internal static class ReplayBaselines
{
    /// <summary>Name of the fallback baseline.</summary>
    public const string Fallback = "fallback";

    /// <summary>Name of the no-information maker baseline.</summary>
    public const string NoInformationMaker = "noInformationMaker";

    /// <summary>
    /// Runs both baselines over the events <paramref name="open"/> opens into a fresh registry (holding at most
    /// <paramref name="maxSymbols"/>), with the run's <paramref name="options"/>, recorders set like
    /// <paramref name="recording"/>, markouts also at <paramref name="horizonNs"/>.
    /// </summary>
    public static List<StrategyFigures> Run(Func<SymbolRegistry, ReplaySource> open, int maxSymbols, PipelineOptions options,
        RunRecorderOptions recording, long horizonNs, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        // The run's model's serving-time move prior and baseline gate (its hft.move_prior) belong to that model: on the
        // no-information maker's fixed rows the gate served each symbol's flat baseline instead, so the "no information"
        // pass had the model's information and made no fill.
        var baseOptions = options with
        {
            Topology = PipelineTopology.Inline,
            // Each baseline's direction is its own (the fallback's rule, the no-information side), never routed by the
            // run's directionSource.
            // Neither has an expected move: no class means, and no calibration of one (on the no-information maker's
            // fixed rows a calibrated score would gate its entries).
            Trading = options.Trading with { ClassMeanMoveBps = null, DirectionSource = DirectionSource.Model, ExpectedMove = null },
            MovePrior = null,
        };
        var t = baseOptions.Trading;
        var fallback = baseOptions with { Trading = t with { Risk = t.Risk with { AllowFallback = true } } };
        var quotes = t.Quotes with
        {
            TakeProfitTicks = t.Quotes.TakeProfitTicks == 0 && t.Quotes.TakeProfitBps == 0 ? 1 : t.Quotes.TakeProfitTicks,
            TimeStopFactor = t.Quotes.TimeStopFactor == 0 ? 1 : t.Quotes.TimeStopFactor,
        };
        var maker = baseOptions with { Trading = t with { Risk = t.Risk with { EntryOrderType = OrderType.PostOnly }, Quotes = quotes } };
        bool twoSided = !options.Venue.EndsWith("-spot", StringComparison.OrdinalIgnoreCase) || t.Risk.SpotMargin; // spot (any *-spot venue) sells only what it holds
        recording = recording with { Fills = recording.Fills with { FillCapacity = 0 } };

        return
        [
            Pass(Fallback, "rule-based fallback signal on every decision (no model, so no expected-value gate); the run's risk, sizing, execution and quote management",
                new SingleModelSource(null), fallback, open, maxSymbols, recording, horizonNs, log),
            Pass(NoInformationMaker, twoSided
                    ? "post-only at the touch on a side that carries no information (alternating every 256 decisions), p = 0.6; take-profit 1 tick, time stop at the quote horizon; the run's limits, sizing and risk; no expected-value gate"
                    : "post-only bid at the touch with no information (spot: long only), p = 0.6; exit a passive offer 1 tick above the entry, time stop at the quote horizon; the run's limits, sizing and risk; no expected-value gate",
                new NoInformationModelSource(twoSided), maker, open, maxSymbols, recording, horizonNs, log),
        ];
    }

    private static StrategyFigures Pass(string name, string description, IDecisionModelSource models, PipelineOptions options,
        Func<SymbolRegistry, ReplaySource> open, int maxSymbols, RunRecorderOptions recording, long horizonNs, ILogger log)
    {
        var registry = new SymbolRegistry(maxSymbols);
        using var source = open(registry);
        var recorder = new RunRecorder(recording, registry);
        var tap = new HorizonMarkoutTap(recorder, registry, horizonNs);
        var pipeline = new TradingPipeline(registry, options, models, log, new PipelineHooks { Observer = tap });
        var result = pipeline.Run(source.Feed(registry, options.Venue));
        var counters = new RunCounters
        {
            Events = result.Events, Decisions = result.Decisions, ElapsedSeconds = result.ElapsedSeconds, Digest = result.Digest,
            Source = source.Description, Model = name, FundingTotal = result.Futures?.FundingTotal ?? 0,
        };
        var summary = RunStatistics.Summarize(recorder, counters);
        log.LogInformation("Baseline {Name}: {Orders} orders, {Fills} fills, net {Net:F2} over {Events} events", name, result.Orders,
            summary.Attribution.Fills, summary.Pnl, result.Events);
        return StrategyFigures.Of(name, description, summary, result.Orders, tap);
    }
}
