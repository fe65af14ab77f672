using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using HftScalper.Reporting;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Replay.Baselines;

/// <summary>
/// Sits between the strategy stage and a run's <see cref="RunRecorder"/> when baselines are asked for: forwards every
/// call unchanged, and also records the fills' mean markout at the model's horizon (the recorder's three horizons are
/// 1, 5 and 30 s) and the notional traded as a maker, so the same fills can be re-priced at another fee tier, and sums
/// them per bucket of time for the uncertainty of the comparison. An
/// observer only (it never reads back into the run: decisions and the digest are unchanged); no allocation per call
/// once a symbol's first mid was seen.
/// </summary>
internal sealed class HorizonMarkoutTap : IRunObserver, IFillObserver
{
    private readonly RunRecorder _inner;

    /// <summary>Forwards to <paramref name="inner"/> and marks fills out at <paramref name="horizonNs"/>.</summary>
    public HorizonMarkoutTap(RunRecorder inner, SymbolRegistry symbols, long horizonNs)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(symbols);
        _inner = inner;
        HorizonNs = horizonNs;
        Buckets = new FillBuckets(ClusteredStatistics.BucketNsFor(horizonNs));
        AtHorizon = new FillRecorder(new FillRecorderOptions { MarkoutHorizonsNs = [horizonNs], FillCapacity = 0 }, symbols, Buckets);
    }

    /// <summary>The recorder this tap forwards to.</summary>
    public RunRecorder Inner => _inner;

    /// <summary>The model's horizon, ns.</summary>
    public long HorizonNs { get; }

    /// <summary>Markouts of the same fills at <see cref="HorizonNs"/> (its only horizon).</summary>
    public FillRecorder AtHorizon { get; }

    /// <summary>The same fills per bucket of exchange time (markouts at <see cref="HorizonNs"/>, mark-to-mid gross PnL):
    /// the clusters of their uncertainty (<see cref="ClusteredStatistics"/>).</summary>
    public FillBuckets Buckets { get; }

    /// <summary>Notional filled as a maker, in the attribution's amounts (<see cref="FillRecorder.MakerNotional"/>; it had
    /// been price x quantity, USD for a COIN-M contract beside a coin notional: a no-information maker's 1.1e-5 BTC loss
    /// re-priced at its own fees as +48.93 BTC).</summary>
    public double MakerNotional => AtHorizon.MakerNotional;

    /// <inheritdoc />
    public void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores)
    {
        _inner.OnDecision(in outcome, scores);
        if (outcome.MidTicks > 0) AtHorizon.ObserveMid(outcome.SymbolId, outcome.ExchangeTimeNs, outcome.MidTicks, outcome.BidTicks, outcome.AskTicks);
    }

    /// <inheritdoc />
    public void OnFeatures(in DecisionOutcome outcome, ReadOnlySpan<float> features, ReadOnlySpan<float> scores) => _inner.OnFeatures(in outcome, features, scores);

    /// <inheritdoc />
    public void OnRoundTrip(in RoundTrip trip) => _inner.OnRoundTrip(in trip);

    /// <inheritdoc />
    public void OnWarmupEnded() => _inner.OnWarmupEnded();

    /// <inheritdoc />
    public void OnFill(in ExecutionReport fill)
    {
        _inner.OnFill(in fill);
        AtHorizon.OnFill(in fill);
    }
}
