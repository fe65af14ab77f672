using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;

namespace HftScalper.Training.Tests;

/// <summary><see cref="DirectionRanking"/> on hand-counted samples: the AUC of up-moves above down-moves (ties half),
/// sign accuracy on moved samples, flat samples ignored.</summary>
public sealed class DirectionRankingTests
{
    private const int D = DirectionClass.Down, F = DirectionClass.Flat, U = DirectionClass.Up;

    [Fact]
    public void Auc_counts_up_above_down_pairs_with_ties_half_and_ignores_flat_samples()
    {
        // Ups score 0.5, 0.1, -0.2; downs -0.3, 0.1. Pairs up > down: (0.5,-0.3) (0.5,0.1) (0.1,-0.3) (-0.2,-0.3) = 4,
        // tie (0.1,0.1) = 0.5, (-0.2 vs 0.1) = 0: AUC 4.5 / 6. Signs right: 0.5, 0.1 (up), -0.3 (down) = 3 of 5.
        float[] score = [0.5f, 0.1f, -0.2f, -0.3f, 0.1f, 9f];
        int[] truth = [U, U, U, D, D, F];
        var r = DirectionRanking.Compute(score, truth);
        Assert.Equal(5, r.MovedSamples);
        Assert.Equal(4.5 / 6, r.Auc, 9);
        Assert.Equal(3.0 / 5, r.SignAccuracy, 9);
    }

    [Fact]
    public void A_perfect_and_a_reversed_score_give_one_and_zero_and_one_kind_of_move_gives_no_auc()
    {
        Assert.Equal(1.0, DirectionRanking.Compute([0.2f, 0.1f, -0.1f], [U, U, D]).Auc, 9);
        Assert.Equal(0.0, DirectionRanking.Compute([-0.2f, -0.1f, 0.1f], [U, U, D]).Auc, 9);
        Assert.True(double.IsNaN(DirectionRanking.Compute([0.2f, 0.1f], [U, U]).Auc));
    }

    [Fact]
    public void The_signed_score_is_p_up_minus_p_down_in_the_canonical_order()
    {
        var p = new float[6];
        p[D] = 0.1f; p[F] = 0.2f; p[U] = 0.7f;
        p[3 + D] = 0.5f; p[3 + F] = 0.4f; p[3 + U] = 0.1f;
        var s = DirectionRanking.SignedScore(p);
        Assert.Equal(2, s.Length);
        Assert.Equal(0.6f, s[0], 5);
        Assert.Equal(-0.4f, s[1], 5);
    }
}
