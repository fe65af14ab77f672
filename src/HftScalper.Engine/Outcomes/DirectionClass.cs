using System.Runtime.CompilerServices;
using HftScalper.Inference.Contracts;

namespace HftScalper.Engine.Outcomes;

/// <summary>
/// Class indices of direction rows (the canonical <see cref="DirectionContract"/> order <c>down,flat,up</c> every
/// direction session serves), and the labelling rule for a realised mid move.
/// </summary>
public static class DirectionClass
{
    /// <summary>The mid fell by at least the threshold.</summary>
    public const int Down = DirectionContract.Down;

    /// <summary>The mid moved by less than the threshold either way.</summary>
    public const int Flat = DirectionContract.Flat;

    /// <summary>The mid rose by at least the threshold.</summary>
    public const int Up = DirectionContract.Up;

    /// <summary>Number of classes.</summary>
    public const int Count = DirectionContract.Count;

    /// <summary>
    /// Labels a move in ticks: Up when move &gt; threshold, Down when move &lt; -threshold, else Flat — strictly
    /// greater, as the training labels (<see cref="MoveThreshold"/>) define it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Label(double moveTicks, double thresholdTicks) =>
        moveTicks > thresholdTicks ? Up : moveTicks < -thresholdTicks ? Down : Flat;

    /// <summary>Predicted class = arg max of (down, flat, up); ties go to the earlier class (deterministic).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ArgMax(float down, float flat, float up)
    {
        int best = Down;
        float p = down;
        if (flat > p) { best = Flat; p = flat; }
        if (up > p) best = Up;
        return best;
    }

    /// <summary>Short name for reports: "down", "flat" or "up".</summary>
    public static string Name(int cls) => cls switch { Down => "down", Flat => "flat", Up => "up", _ => "?" };
}
