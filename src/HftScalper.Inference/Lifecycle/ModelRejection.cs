namespace HftScalper.Inference.Lifecycle;

/// <summary>Why a model file was refused (each has a counter in <see cref="LifecycleCounters"/>).</summary>
public enum ModelRejection
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>Missing, unreadable, empty, truncated or not ONNX, or ONNX Runtime refused it.</summary>
    Unreadable = 1,

    /// <summary>Trained on a different feature schema than the engine computes.</summary>
    SchemaMismatch = 2,

    /// <summary>Metadata missing/invalid, shapes wrong, or outputs that do not fit the role checked (<c>ModelContract.Resolve</c>: e.g. not exactly the classes down, flat, up).</summary>
    WrongShape = 3,

    /// <summary>NaN or infinite output on the canary rows.</summary>
    NonFiniteOutput = 4,

    /// <summary>Classifier scores on the canary rows are negative or do not sum to 1.</summary>
    NotProbabilities = 5,

    /// <summary>Median single-row latency on the canary rows above the budget.</summary>
    TooSlow = 6,
}
