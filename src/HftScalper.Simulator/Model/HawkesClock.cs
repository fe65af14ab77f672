namespace HftScalper.Simulator.Model;

/// <summary>
/// Arrival times of a self-exciting (Hawkes) point process with an exponential kernel:
/// lambda(t) = mu + sum alpha * exp(-beta (t - t_i)). Sampled exactly (Dassios and Zhao 2013), with no thinning
/// loop, so each event costs two logarithms. Bursts of activity follow from the self-excitation, which is what
/// gives the simulated streams the real feed's over-dispersed counts (Fano factor far above 1).
/// </summary>
internal sealed class HawkesClock
{
    private readonly double _mu, _alpha, _beta;
    private double _excitation;

    /// <param name="meanRate">Long-run events per second.</param>
    /// <param name="branching">alpha / beta, in [0, 1).</param>
    /// <param name="beta">Kernel decay per second.</param>
    public HawkesClock(double meanRate, double branching, double beta)
    {
        _mu = meanRate * (1 - branching);
        _alpha = branching * beta;
        _beta = beta;
    }

    /// <summary>Current intensity above the baseline (events/s).</summary>
    public double Excitation => _excitation;

    /// <summary>Seconds until the next event; registers that event's own excitation.</summary>
    public double Next(Xoshiro256StarStar rng)
    {
        double s1 = -Math.Log(rng.NextDoubleNonZero()) / _mu;
        double s2 = double.PositiveInfinity;
        if (_excitation > 1e-12)
        {
            double d = 1 + _beta * Math.Log(rng.NextDoubleNonZero()) / _excitation;
            if (d > 0) s2 = -Math.Log(d) / _beta;
        }
        double dt = Math.Min(s1, s2);
        _excitation = _excitation * Math.Exp(-_beta * dt) + _alpha;
        return dt;
    }
}
