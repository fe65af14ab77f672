using HftScalper.Inference.Contracts;

namespace HftScalper.Training.Data;

/// <summary>
/// The three direction classes in the canonical <see cref="DirectionContract"/> order (<c>down,flat,up</c>: the order
/// the trainer writes its scores and names them, and the order every direction session serves). Stored as
/// <see cref="int"/> in label arrays; -1 marks an unlabelled sample.
/// </summary>
public static class DirectionClass
{
    /// <summary>The mid fell by more than the threshold.</summary>
    public const int Down = DirectionContract.Down;

    /// <summary>The mid moved by at most the threshold.</summary>
    public const int Flat = DirectionContract.Flat;

    /// <summary>The mid rose by more than the threshold.</summary>
    public const int Up = DirectionContract.Up;

    /// <summary>Number of classes.</summary>
    public const int Count = DirectionContract.Count;

    /// <summary>Label of a sample whose horizon runs past the end of the data.</summary>
    public const int Unlabelled = -1;

    /// <summary>Class names in score order.</summary>
    public static IReadOnlyList<string> Names => DirectionContract.Names;
}
