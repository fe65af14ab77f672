using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Execution;
using Microsoft.Extensions.Logging;

namespace HftScalper.Reporting;

/// <summary>
/// All the collectors of one run, built once before it starts: tick-to-decision and per-stage latency, equity,
/// predictions and trades. The pipeline feeds them from the strategy thread as its <see cref="IRunObserver"/> (attach
/// it with <c>PipelineHooks.Observer</c>; each collector is single-threaded and allocation-free per call), including
/// every fill (<see cref="IFillObserver"/>: the trades file, markouts and the PnL attribution);
/// <see cref="RunStatistics.Summarize"/> and <see cref="HtmlReportWriter"/> read them after the run.
/// </summary>
public sealed class RunRecorder : IRunObserver, IFillObserver
{
    private readonly LatencyRecorder[] _stages;
    private readonly int _regimeColumn;
    private int _regime = -1; // regime_label of the decision row OnFeatures saw last (the one OnDecision reports next)

    /// <summary>Allocates every collector (a few MB in all) up front; <paramref name="symbols"/> (the run's registry)
    /// converts fills to quote currency for the attribution (without it, amounts are in ticks x lots); drift alarms are
    /// logged to <paramref name="logger"/> when given.</summary>
    public RunRecorder(RunRecorderOptions? options = null, SymbolRegistry? symbols = null, ILogger? logger = null)
    {
        Options = options ?? new RunRecorderOptions();
        TickToDecision = new LatencyRecorder("tickToDecision", Options.HighestTrackableLatencyNs);
        _stages = new LatencyRecorder[Options.StageNames.Length];
        for (int i = 0; i < _stages.Length; i++)
            _stages[i] = new LatencyRecorder(Options.StageNames[i], Options.HighestTrackableLatencyNs);
        Equity = new EquityRecorder(Options.EquityGridIntervalNs, traceCapacity: Options.EquityTraceCapacity);
        Predictions = new PredictionRecorder(Options.Predictions);
        Trades = new TradeRecorder(Options.TradeCapacity);
        Fills = new FillRecorder(Options.Fills, symbols);
        Verdicts = new VerdictRecorder();
        Prices = new PriceTrace(Options.PriceTraceSymbols, Options.PriceTraceCapacity);
        if (Options.Reference is { } reference && Options.FeatureNames is { } names)
            FeatureDrift = new FeatureDriftMonitor(reference, names, Options.FeatureDrift, logger);
        _regimeColumn = Options.FeatureNames is { } columns ? IndexOf(columns, "regime_label") : -1;
        Symbols = symbols;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }

    /// <summary>The run's symbols (null = not given): names the per-symbol windows.</summary>
    public SymbolRegistry? Symbols { get; }

    /// <summary>Input and prediction drift against the model's reference (null = the model has none).</summary>
    public FeatureDriftMonitor? FeatureDrift { get; }

    /// <summary>The settings used.</summary>
    public RunRecorderOptions Options { get; }

    /// <summary>From the event's local receive time to the order intent (or the decision when no order), in ns.</summary>
    public LatencyRecorder TickToDecision { get; }

    /// <summary>Per-stage latencies, in the order of <see cref="RunRecorderOptions.StageNames"/>.</summary>
    public IReadOnlyList<LatencyRecorder> Stages => _stages;

    /// <summary>The stage recorder at an index (no bounds check beyond the array's): for the hot path.</summary>
    public LatencyRecorder Stage(int index) => _stages[index];

    /// <summary>Equity over exchange time.</summary>
    public EquityRecorder Equity { get; }

    /// <summary>Predictions scored against realised directions.</summary>
    public PredictionRecorder Predictions { get; }

    /// <summary>Closed round trips.</summary>
    public TradeRecorder Trades { get; }

    /// <summary>Every fill: markouts, probabilities at the order's decision, the PnL attribution.</summary>
    public FillRecorder Fills { get; }

    /// <summary>Risk verdicts over time (why trading stopped).</summary>
    public VerdictRecorder Verdicts { get; }

    /// <summary>Mid over exchange time for the report's price chart.</summary>
    public PriceTrace Prices { get; }

    /// <summary>Forgets latency samples (call at the end of warm-up so cold-start samples do not skew them).</summary>
    public void ResetLatencies()
    {
        TickToDecision.Reset();
        foreach (var s in _stages) s.Reset();
    }

    /// <inheritdoc />
    public void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores)
    {
        if (outcome.LatencyMeasured)
        {
            TickToDecision.Record(outcome.TickToDecisionNs);
            Stage(0).Record(outcome.FeaturesNs);
            if (outcome.InferenceMeasured)
            {
                Stage(1).Record(outcome.InferenceNs);
                Stage(2).Record(outcome.StrategyNs);
            }
        }
        Verdicts.Record(outcome.ExchangeTimeNs, outcome.Verdict, outcome.SymbolId);
        if (outcome.OrderId.IsValid) Fills.OnOrderSent(outcome.OrderId.Value, outcome.ModelHealthy ? scores : default);
        if (outcome.MidTicks > 0)
        {
            Fills.ObserveMid(outcome.SymbolId, outcome.ExchangeTimeNs, outcome.MidTicks, outcome.BidTicks, outcome.AskTicks);
            Prices.Record(outcome.SymbolId, outcome.ExchangeTimeNs, outcome.MidTicks);
            Predictions.ObserveDecision(outcome.SymbolId, outcome.ExchangeTimeNs, outcome.MidTicks, outcome.ModelHealthy, scores, _regime);
        }
        Equity.Record(outcome.ExchangeTimeNs, outcome.Equity);
    }

    /// <inheritdoc />
    public void OnFeatures(in DecisionOutcome outcome, ReadOnlySpan<float> features, ReadOnlySpan<float> scores)
    {
        _regime = (uint)_regimeColumn < (uint)features.Length && features[_regimeColumn] is var label && float.IsFinite(label) ? RegimeOf(label) : -1;
        FeatureDrift?.Observe(outcome.ExchangeTimeNs, features, scores, outcome.ModelHealthy);
    }

    // The regime_label classes as the regime-gated trees split them (0 ranging, 1 trending, 2 volatile).
    private static int RegimeOf(float label) => label <= 0.5f ? 0 : label <= 1.5f ? 1 : 2;

    /// <inheritdoc />
    public void OnRoundTrip(in RoundTrip trip) => Trades.Record(in trip);

    /// <inheritdoc />
    public void OnFill(in ExecutionReport fill) => Fills.OnFill(in fill);

    /// <inheritdoc />
    public void OnWarmupEnded() => ResetLatencies();
}
