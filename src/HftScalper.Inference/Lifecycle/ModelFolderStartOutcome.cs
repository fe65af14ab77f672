namespace HftScalper.Inference.Lifecycle;

/// <summary>What <see cref="ModelFolderStart.Load"/> found.</summary>
public enum ModelFolderStartOutcome
{
    /// <summary>A model serves.</summary>
    Served = 0,

    /// <summary>No model file to serve (the fallback signal decides until a model is dropped).</summary>
    Empty = 1,

    /// <summary>Model files were present and every one tried was refused.</summary>
    Refused = 2,
}
