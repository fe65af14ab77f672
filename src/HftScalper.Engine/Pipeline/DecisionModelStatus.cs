namespace HftScalper.Engine.Pipeline;

/// <summary>What the inference stage did with a decision row; the strategy uses the scores only when <see cref="Ok"/>.</summary>
public enum DecisionModelStatus : byte
{
    /// <summary>Not processed yet (never seen by the strategy in a correct pipeline).</summary>
    Pending = 0,

    /// <summary>Scores are finite and valid.</summary>
    Ok = 1,

    /// <summary>No model is loaded: the strategy falls back to the rule-based signal.</summary>
    NoModel = 2,

    /// <summary>The model answered but its monitor reports it degraded (error/NaN rate): the strategy falls back.</summary>
    Degraded = 4,

    /// <summary>The model ran but failed or produced non-finite scores: treated like no model for this row.</summary>
    Failed = 3,

    /// <summary>A sequence model's history of this row's symbol is still filling (start, gap, resync or model swap):
    /// the model has no prediction yet. Not a failure and no fallback: the decision has no signal.</summary>
    Warming = 5,
}
