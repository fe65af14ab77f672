using HftScalper.Training.Data;
using HftScalper.Training.Models;
using Microsoft.ML;

namespace HftScalper.Training.Pipeline;

/// <summary>Predicts with regime sets through ML.NET (each row by the model its regime routes to).</summary>
public static class Predictions
{
    /// <summary>Three normalised class probabilities per row of <paramref name="rows"/>.</summary>
    public static float[] Direction(MLContext ml, RegimeSet<DirectionModel> set, FeatureMatrix samples, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        var result = new float[rows.Length * DirectionClass.Count];
        var position = Positions(rows);
        var routed = set.Route(samples, rows);
        for (int r = 0; r < routed.Length; r++)
        {
            if (routed[r].Length == 0) continue;
            var part = new float[routed[r].Length * DirectionClass.Count];
            set.For(r).Predict(ml, samples, routed[r], part);
            for (int i = 0; i < routed[r].Length; i++)
                part.AsSpan(i * DirectionClass.Count, DirectionClass.Count).CopyTo(result.AsSpan(position[routed[r][i]] * DirectionClass.Count));
        }
        return result;
    }

    /// <summary>Expected forward mid change (ticks) per row of <paramref name="rows"/>.</summary>
    public static float[] Return(RegimeSet<ReturnModel> set, FeatureMatrix samples, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        var result = new float[rows.Length];
        var position = Positions(rows);
        var routed = set.Route(samples, rows);
        for (int r = 0; r < routed.Length; r++)
        {
            if (routed[r].Length == 0) continue;
            var part = new float[routed[r].Length];
            set.For(r).Predict(samples, routed[r], part);
            for (int i = 0; i < part.Length; i++) result[position[routed[r][i]]] = part[i];
        }
        return result;
    }

    private static Dictionary<int, int> Positions(int[] rows)
    {
        var d = new Dictionary<int, int>(rows.Length);
        for (int i = 0; i < rows.Length; i++) d[rows[i]] = i;
        return d;
    }
}
