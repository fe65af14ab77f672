using HftScalper.Features.Kernels;
using HftScalper.Features.Regime;

namespace HftScalper.Features.Tests;

public sealed class GarchFitterTests
{
    private static double[] Simulate(GarchParameters p, int n, int seed)
    {
        var rng = new Random(seed);
        var r = new double[n];
        double s2 = p.LongRunVariance;
        for (int t = 0; t < n; t++)
        {
            if (t > 0) s2 = p.Omega + p.Alpha * r[t - 1] * r[t - 1] + p.Beta * s2;
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            r[t] = Math.Sqrt(s2) * z;
        }
        return r;
    }

    [Theory]
    [InlineData(1e-6, 0.10, 0.85)]
    [InlineData(2e-8, 0.05, 0.93)]
    public void Recovers_the_parameters_of_a_simulated_process(double omega, double alpha, double beta)
    {
        var truth = new GarchParameters(omega, alpha, beta);
        var fit = GarchFitter.Fit(Simulate(truth, 20_000, seed: 11));
        Assert.True(fit.IsStationary);
        Assert.InRange(fit.Alpha, alpha - 0.03, alpha + 0.03);
        Assert.InRange(fit.Beta, beta - 0.05, beta + 0.05);
        Assert.InRange(fit.LongRunVariance / truth.LongRunVariance, 0.8, 1.25);
    }

    [Fact]
    public void Fitted_likelihood_beats_the_true_parameters_or_ties()
    {
        var truth = new GarchParameters(1e-6, 0.1, 0.85);
        var r = Simulate(truth, 5_000, seed: 12);
        double v0 = r.Average(x => x * x);
        var fit = GarchFitter.Fit(r);
        Assert.True(GarchFitter.NegativeLogLikelihood(r, fit, v0) <= GarchFitter.NegativeLogLikelihood(r, truth, v0) + 1e-6);
    }

    [Fact]
    public void Online_bank_lane_reproduces_the_recursion_with_fitted_parameters()
    {
        var r = Simulate(new GarchParameters(1e-6, 0.1, 0.85), 1_000, seed: 13);
        var p = GarchFitter.Fit(r);
        var bank = new LinearRecursionBank(1);
        bank.Configure(0, p.Beta, p.Alpha, p.Omega, initial: p.LongRunVariance);
        var x = new double[bank.Capacity];
        double s2 = p.LongRunVariance;
        foreach (double ret in r)
        {
            x[0] = ret * ret;
            bank.Update(x);
            s2 = p.Beta * s2 + p.Alpha * x[0] + p.Omega;
        }
        Assert.Equal(s2, bank[0]);
    }

    [Fact]
    public void Refuses_too_little_or_degenerate_history()
    {
        Assert.Throws<ArgumentException>(() => GarchFitter.Fit(new double[10]));
        Assert.Throws<ArgumentException>(() => GarchFitter.Fit(new double[100]));
        var bad = new double[100]; bad[3] = double.NaN;
        Assert.Throws<ArgumentException>(() => GarchFitter.Fit(bad));
    }
}
