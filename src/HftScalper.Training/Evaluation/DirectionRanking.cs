using System.Text.Json.Nodes;
using HftScalper.Training.Data;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// How well a signed score (positive = up) orders the samples that moved: <see cref="Auc"/> = the chance that a random
/// up-move scores above a random down-move (ties count half; 0.5 = no ranking), and <see cref="SignAccuracy"/> = the
/// share of moved samples whose score has the move's sign (a score of 0 is wrong). Flat samples are left out: a trader
/// in its own direction needs the order of its scores more than the argmax class, which for a 2 s model is mostly
/// "flat". Used by <c>hft evaluate --compare</c> to put a model's P(up) - P(down) beside the rule-based fallback's score.
/// </summary>
/// <param name="MovedSamples">Samples whose class is up or down.</param>
/// <param name="Auc">Up-above-down ordering probability (NaN without both kinds of move).</param>
/// <param name="SignAccuracy">Share of moved samples whose score sign is the move's (NaN without moves).</param>
public sealed record DirectionRanking(int MovedSamples, double Auc, double SignAccuracy)
{
    /// <summary>Ranks <paramref name="score"/> (one per sample) against <paramref name="truth"/> (<see cref="DirectionClass"/> per sample).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static DirectionRanking Compute(ReadOnlySpan<float> score, ReadOnlySpan<int> truth)
    {
        if (score.Length != truth.Length) throw new ArgumentException("need one score per sample");
        var moved = new List<(float Score, bool Up)>();
        int signRight = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] != DirectionClass.Up && truth[i] != DirectionClass.Down) continue;
            bool up = truth[i] == DirectionClass.Up;
            moved.Add((score[i], up));
            if (up ? score[i] > 0 : score[i] < 0) signRight++;
        }
        return new DirectionRanking(moved.Count, AreaUnderCurve(moved), moved.Count == 0 ? double.NaN : (double)signRight / moved.Count);
    }

    /// <summary>The model's signed score per sample from its probabilities (three per sample, canonical order): P(up) - P(down).</summary>
    public static float[] SignedScore(ReadOnlySpan<float> probabilities)
    {
        const int C = DirectionClass.Count;
        var s = new float[probabilities.Length / C];
        for (int i = 0; i < s.Length; i++) s[i] = probabilities[i * C + DirectionClass.Up] - probabilities[i * C + DirectionClass.Down];
        return s;
    }

    // Mann-Whitney: the up-moves' rank sum among all moves (tied scores share their mean rank), normalised.
    private static double AreaUnderCurve(List<(float Score, bool Up)> moved)
    {
        long ups = moved.Count(m => m.Up), downs = moved.Count - ups;
        if (ups == 0 || downs == 0) return double.NaN;
        var sorted = moved.OrderBy(m => m.Score).ToArray();
        double upRanks = 0;
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j < sorted.Length && sorted[j].Score == sorted[i].Score) j++;
            double meanRank = (i + 1 + j) / 2.0; // ranks i+1..j
            for (int k = i; k < j; k++) if (sorted[k].Up) upRanks += meanRank;
            i = j;
        }
        return (upRanks - ups * (ups + 1) / 2.0) / ((double)ups * downs);
    }

    /// <summary><c>movedSamples</c>, <c>auc</c>, <c>signAccuracy</c> (NaN as null).</summary>
    public JsonObject ToJson() => new()
    {
        ["movedSamples"] = MovedSamples,
        ["auc"] = double.IsNaN(Auc) ? null : Math.Round(Auc, 4),
        ["signAccuracy"] = double.IsNaN(SignAccuracy) ? null : Math.Round(SignAccuracy, 4),
    };
}
