namespace HftScalper.Trading.Signals;

/// <summary>
/// Whether the model's output for a decision may be used, as the inference stage saw it (and, for
/// <see cref="InvalidOutput"/>, as the <see cref="SignalRouter"/> found it). Anything but <see cref="Healthy"/>
/// routes the decision to the fallback and is the reason logged with the switch.
/// </summary>
public enum ModelAvailability : byte
{
    /// <summary>A model served this row and the host considers it healthy.</summary>
    Healthy = 0,

    /// <summary>No model is loaded (none promoted yet, or it was removed).</summary>
    NotLoaded = 1,

    /// <summary>A model is loaded but its monitor says it is degraded (error/NaN rate, latency).</summary>
    Degraded = 2,

    /// <summary>The run for this row failed or was refused (any PredictStatus but Ok).</summary>
    RunFailed = 3,

    /// <summary>The model's scores were unusable (NaN, infinite, negative or all zero).</summary>
    InvalidOutput = 4,

    /// <summary>A sequence model's history of this symbol is still filling: no prediction, and no fallback either
    /// (the decision has no signal).</summary>
    Warming = 5,
}
