using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// One decision as the strategy stage took it, for an <see cref="IRunObserver"/>: exchange time, mid, whether the
/// model served it, the equity after it, and its latencies in ns (from the event's local receive time). Latencies
/// are measured only when the event carried an ingress time (<see cref="LatencyMeasured"/>), and the inference and
/// strategy parts only when the row went through the model (<see cref="InferenceMeasured"/>).
/// </summary>
public readonly struct DecisionOutcome
{
    /// <summary>Symbol of the decision.</summary>
    public int SymbolId { get; init; }

    /// <summary>Exchange time of the decision event in ns.</summary>
    public long ExchangeTimeNs { get; init; }

    /// <summary>Mid price in ticks at the decision (0 when the book had no mid).</summary>
    public double MidTicks { get; init; }

    /// <summary>True when a healthy model scored the decision row (its scores are meaningful).</summary>
    public bool ModelHealthy { get; init; }

    /// <summary>Equity in the quote currency after the decision.</summary>
    public double Equity { get; init; }

    /// <summary>True when the latencies below were measured.</summary>
    public bool LatencyMeasured { get; init; }

    /// <summary>True when the inference and strategy latencies were measured.</summary>
    public bool InferenceMeasured { get; init; }

    /// <summary>From the event's local receive time to the order intent (or the decision when no order).</summary>
    public long TickToDecisionNs { get; init; }

    /// <summary>Feature stage: receive time to features done.</summary>
    public long FeaturesNs { get; init; }

    /// <summary>Inference stage: features done to inference done.</summary>
    public long InferenceNs { get; init; }

    /// <summary>Strategy stage: inference done to the decision.</summary>
    public long StrategyNs { get; init; }

    /// <summary>Best bid in ticks at the decision (0 when the book had no quote).</summary>
    public long BidTicks { get; init; }

    /// <summary>Best ask in ticks at the decision (0 when the book had no quote).</summary>
    public long AskTicks { get; init; }

    /// <summary>What risk said about the decision's signal.</summary>
    public RiskVerdict Verdict { get; init; }

    /// <summary>The order sent on this decision (<see cref="ClientOrderId.None"/> when none).</summary>
    public ClientOrderId OrderId { get; init; }
}
