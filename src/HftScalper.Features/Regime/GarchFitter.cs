using HftScalper.Features.Numerics;

namespace HftScalper.Features.Regime;

/// <summary>
/// Fits GARCH(1,1) by maximum likelihood (Gaussian quasi-likelihood) on a history of returns. The online forecast is
/// then the recursion itself, run as one lane of the feature engine's <see cref="Kernels.LinearRecursionBank"/>.
/// </summary>
/// <remarks>
/// Parameters are optimised unconstrained through a transform that keeps them feasible: Omega = var * exp(u0),
/// (Alpha, Beta) = softmax-style shares exp(u1), exp(u2) over 1 + exp(u1) + exp(u2), so Alpha + Beta &lt; 1 always.
/// The recursion starts at the sample variance (the usual "variance targeting" start value).
/// </remarks>
internal static class GarchFitter
{
    /// <summary>Fits the parameters to <paramref name="returns"/> (at least 50 values, not all zero).</summary>
    /// <exception cref="ArgumentException">Too few returns, non-finite values, or zero variance.</exception>
    public static GarchParameters Fit(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 50) throw new ArgumentException("GARCH needs at least 50 returns", nameof(returns));
        var r = returns.ToArray();
        double var0 = 0;
        foreach (double x in r)
        {
            if (!double.IsFinite(x)) throw new ArgumentException("returns must be finite", nameof(returns));
            var0 += x * x;
        }
        var0 /= r.Length;
        if (var0 <= 0) throw new ArgumentException("returns have zero variance", nameof(returns));

        double Nll(double[] u) => NegativeLogLikelihood(r, Decode(u, var0), var0);
        // Start at a typical persistence (alpha 0.1, beta 0.8) and omega implied by the sample variance.
        double[] start = [Math.Log(0.1), Math.Log(0.1 / 0.1), Math.Log(0.8 / 0.1)];
        var best = NelderMead.Minimize(Nll, start, step: 0.7, maxIterations: 3000, tolerance: 1e-12);
        // A restart from the optimum escapes the occasional premature simplex collapse.
        best = NelderMead.Minimize(Nll, best.Point, step: 0.2, maxIterations: 3000, tolerance: 1e-12);
        return Decode(best.Point, var0);
    }

    /// <summary>Gaussian negative log-likelihood (without the constant) of <paramref name="returns"/> under <paramref name="p"/>.</summary>
    public static double NegativeLogLikelihood(ReadOnlySpan<double> returns, GarchParameters p, double initialVariance)
    {
        double s2 = initialVariance, nll = 0;
        for (int t = 0; t < returns.Length; t++)
        {
            if (t > 0) s2 = p.Omega + p.Alpha * returns[t - 1] * returns[t - 1] + p.Beta * s2;
            if (!(s2 > 0)) return double.PositiveInfinity;
            nll += 0.5 * (Math.Log(s2) + returns[t] * returns[t] / s2);
        }
        return nll;
    }

    private static GarchParameters Decode(double[] u, double var0)
    {
        double e1 = Math.Exp(Math.Clamp(u[1], -30, 30)), e2 = Math.Exp(Math.Clamp(u[2], -30, 30));
        double denom = 1 + e1 + e2;
        return new GarchParameters(var0 * Math.Exp(Math.Clamp(u[0], -50, 50)), e1 / denom, e2 / denom);
    }
}
