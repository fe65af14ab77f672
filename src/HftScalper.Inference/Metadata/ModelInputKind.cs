namespace HftScalper.Inference.Metadata;

/// <summary>Shape of a model's input.</summary>
public enum ModelInputKind
{
    /// <summary>One feature vector per row: <c>[B, F]</c>.</summary>
    Tabular = 0,

    /// <summary>A window of T feature vectors per row: <c>[B, T, F]</c>.</summary>
    Sequence = 1,
}
