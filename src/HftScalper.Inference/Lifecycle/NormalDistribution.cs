namespace HftScalper.Inference.Lifecycle;

/// <summary>The standard normal distribution function, for the promotion tests' p-values.</summary>
internal static class NormalDistribution
{
    /// <summary>P(Z &lt;= z) for a standard normal Z; exact at the infinities, within 1.2e-7 elsewhere.</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        if (double.IsPositiveInfinity(z)) return 1;
        if (double.IsNegativeInfinity(z)) return 0;
        return 0.5 * Erfc(-z / Math.Sqrt(2));
    }

    // Complementary error function, Chebyshev fit (Numerical Recipes erfcc): fractional error below 1.2e-7 everywhere.
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
