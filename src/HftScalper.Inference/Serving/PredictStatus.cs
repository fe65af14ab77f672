namespace HftScalper.Inference.Serving;

/// <summary>Outcome of one prediction call; anything but <see cref="Ok"/> means the outputs must not be used.</summary>
public enum PredictStatus
{
    /// <summary>Outputs written and all finite.</summary>
    Ok = 0,

    /// <summary>Outputs written but at least one is NaN or infinite (counted in the monitor).</summary>
    NonFiniteOutput = 1,

    /// <summary>Batch size out of range or spans too short; nothing ran.</summary>
    InvalidArguments = 2,

    /// <summary>ONNX Runtime reported an error for this run (counted and logged once).</summary>
    RuntimeError = 3,
}
