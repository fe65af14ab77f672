using System.Text.Json.Nodes;

namespace HftScalper.Training.Evaluation;

/// <summary>Out-of-sample quality of a forward-return regressor: RMSE beside the zero forecast, correlation, sign hit rate on moves.</summary>
public sealed record ReturnMetrics(int Samples, double Rmse, double ZeroForecastRmse, double Correlation, double SignAccuracy)
{
    /// <summary>Scores <paramref name="predicted"/> against <paramref name="actual"/> (basis points of the mid: the regressor's target).</summary>
    public static ReturnMetrics Compute(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        int n = actual.Length;
        double se = 0, se0 = 0, sp = 0, sa = 0, spp = 0, saa = 0, spa = 0;
        int moved = 0, signRight = 0;
        for (int i = 0; i < n; i++)
        {
            double p = predicted[i], a = actual[i];
            se += (p - a) * (p - a);
            se0 += a * a;
            sp += p; sa += a; spp += p * p; saa += a * a; spa += p * a;
            if (a != 0)
            {
                moved++;
                if (Math.Sign(p) == Math.Sign(a)) signRight++;
            }
        }
        double cov = spa / Math.Max(n, 1) - sp * sa / Math.Max((double)n * n, 1);
        double vp = spp / Math.Max(n, 1) - sp * sp / Math.Max((double)n * n, 1);
        double va = saa / Math.Max(n, 1) - sa * sa / Math.Max((double)n * n, 1);
        double corr = vp > 0 && va > 0 ? cov / Math.Sqrt(vp * va) : 0;
        return new ReturnMetrics(n, Math.Sqrt(se / Math.Max(n, 1)), Math.Sqrt(se0 / Math.Max(n, 1)), corr, moved == 0 ? 0 : (double)signRight / moved);
    }

    /// <summary>As JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["samples"] = Samples,
        ["rmseBps"] = Math.Round(Rmse, 4),
        ["zeroForecastRmseBps"] = Math.Round(ZeroForecastRmse, 4),
        ["correlation"] = Math.Round(Correlation, 4),
        ["signAccuracyOnMoves"] = Math.Round(SignAccuracy, 4),
    };
}
