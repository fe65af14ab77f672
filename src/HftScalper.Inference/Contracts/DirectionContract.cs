namespace HftScalper.Inference.Contracts;

/// <summary>
/// Where a direction classifier's class probabilities are: the output tensor and the column of each class, resolved
/// by name from the model's metadata when it is loaded. A session loaded for <see cref="ModelRole.Direction"/>
/// serves every row in the canonical order below (<see cref="Down"/>, <see cref="Flat"/>, <see cref="Up"/>) whatever
/// the model's own order, so a model whose classes are <c>[up, flat, down]</c> makes the same decisions as one whose
/// classes are <c>[down, flat, up]</c>. The canonical order is the one layout every reader (decision ring, signals,
/// accuracy, shadow scorer, training labels, evaluation) uses.
/// </summary>
/// <param name="Tensor">The classifier output tensor.</param>
/// <param name="Width">Its columns (always <see cref="Count"/>).</param>
/// <param name="DownColumn">Column of class <c>down</c> in the tensor.</param>
/// <param name="FlatColumn">Column of class <c>flat</c>.</param>
/// <param name="UpColumn">Column of class <c>up</c>.</param>
public sealed record DirectionContract(string Tensor, int Width, int DownColumn, int FlatColumn, int UpColumn)
{
    /// <summary>Canonical column of the class "down": the mid fell by more than the labelling threshold.</summary>
    public const int Down = 0;

    /// <summary>Canonical column of the class "flat": the mid moved by at most the threshold.</summary>
    public const int Flat = 1;

    /// <summary>Canonical column of the class "up": the mid rose by more than the threshold.</summary>
    public const int Up = 2;

    /// <summary>Number of classes.</summary>
    public const int Count = 3;

    /// <summary>Class names in canonical order (what the trainer writes into <c>hft.output_names</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["down", "flat", "up"];

    /// <summary>The tensor column of each canonical column (<c>[DownColumn, FlatColumn, UpColumn]</c>).</summary>
    public int[] Columns() => [DownColumn, FlatColumn, UpColumn];
}
