namespace HftScalper.Inference.Metadata;

/// <summary>What a model's score output means.</summary>
public enum ModelOutputKind
{
    /// <summary>One score (probability) per class, in the order of <see cref="ModelMetadata.OutputNames"/>.</summary>
    Classification = 0,

    /// <summary>One value per regression target, named by <see cref="ModelMetadata.OutputNames"/>.</summary>
    Regression = 1,
}
