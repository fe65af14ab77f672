namespace HftScalper.Training.Data;

/// <summary>
/// The three direction classes, in the order every classifier writes its scores and metadata names them
/// (<c>down,flat,up</c>). Stored as <see cref="int"/> in label arrays; -1 marks an unlabelled sample.
/// </summary>
public static class DirectionClass
{
    /// <summary>The mid fell by more than the threshold.</summary>
    public const int Down = 0;

    /// <summary>The mid moved by at most the threshold.</summary>
    public const int Flat = 1;

    /// <summary>The mid rose by more than the threshold.</summary>
    public const int Up = 2;

    /// <summary>Number of classes.</summary>
    public const int Count = 3;

    /// <summary>Label of a sample whose horizon runs past the end of the data.</summary>
    public const int Unlabelled = -1;

    /// <summary>Class names in score order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["down", "flat", "up"];
}
