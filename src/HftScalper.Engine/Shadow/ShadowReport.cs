using HftScalper.Inference.Lifecycle;

namespace HftScalper.Engine.Shadow;

/// <summary>What the shadow candidate did beside the live model in one run.</summary>
public sealed record ShadowReport
{
    /// <summary>Candidate display name.</summary>
    public string Candidate { get; init; } = "";

    /// <summary>Horizon of the scoring, seconds.</summary>
    public double HorizonSeconds { get; init; }

    /// <summary>Decision rows the live model scored (status Ok) and were offered to the candidate.</summary>
    public long Offered { get; init; }

    /// <summary>Rows the live model did not score (no model, failed, degraded): not compared.</summary>
    public long Skipped { get; init; }

    /// <summary>Outcomes that arrived for a prediction no longer held (candidate replaced, or the pending ring overran).</summary>
    public long LostOutcomes { get; init; }

    /// <summary>Scored predictions whose horizon passed the end of the run.</summary>
    public long Unresolved { get; init; }

    /// <summary>Both models' counts, accuracy and log-loss.</summary>
    public ShadowStats Stats { get; init; }

    /// <summary>Both models' Brier score and calibration error.</summary>
    public required ShadowCalibration Calibration { get; init; }

    /// <summary>The promotion rule (null = none evaluated).</summary>
    public ShadowPromotionRule? Rule { get; init; }

    /// <summary>True when the rule holds on the final figures.</summary>
    public bool Promotable { get; init; }

    /// <summary>Decision index at which the rule first held (-1 = never).</summary>
    public long RuleFiredAtDecision { get; init; } = -1;

    /// <summary>Exchange time of that decision, ns (0 = never).</summary>
    public long RuleFiredAtExchangeTimeNs { get; init; }
}
