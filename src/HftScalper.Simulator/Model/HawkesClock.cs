namespace HftScalper.Simulator.Model;

/// <summary>
/// Arrival times of a self-exciting (Hawkes) point process with an exponential kernel:
/// lambda(t) = s * mu + sum alpha * exp(-beta (t - t_i)) + external kicks. Sampled exactly (Dassios and Zhao
/// 2013), with no thinning loop, so each draw costs two logarithms. The state (the excitation at a reference time)
/// is Markov, so a draw can be discarded and redrawn from any later moment when the baseline scale
/// <c>s</c> changes (activity regime) or an external kick arrives (a sweep exciting the quote flow): the next
/// event time stays exact. Bursts follow from the self-excitation, which gives the simulated streams the real
/// feed's over-dispersed counts (Fano factor far above 1).
/// </summary>
internal sealed class HawkesClock
{
    private const double NsPerSecond = 1e9;
    private readonly double _mu0, _alpha, _beta;
    private double _mu, _excitation;
    private long _refNs = long.MinValue;

    /// <param name="meanRate">Long-run events per second at baseline scale 1 (without external kicks).</param>
    /// <param name="branching">alpha / beta, in [0, 1).</param>
    /// <param name="beta">Kernel decay per second.</param>
    public HawkesClock(double meanRate, double branching, double beta)
    {
        _mu0 = _mu = meanRate * (1 - branching);
        _alpha = branching * beta;
        _beta = beta;
    }

    /// <summary>Excitation above the baseline (events/s) at the last reference time.</summary>
    public double Excitation => _excitation;

    /// <summary>Scales the baseline intensity (the activity regime); takes effect from the next draw.</summary>
    public void SetBaselineScale(double scale) => _mu = _mu0 * scale;

    /// <summary>Time (ns) of the next event after <paramref name="nowNs"/>, given no other change. Moves the
    /// reference time to <paramref name="nowNs"/>; the event is registered only by <see cref="Fire"/>.</summary>
    public long NextAfter(long nowNs, Xoshiro256StarStar rng)
    {
        DecayTo(nowNs);
        double s1 = -Math.Log(rng.NextDoubleNonZero()) / _mu;
        double s2 = double.PositiveInfinity;
        if (_excitation > 1e-12)
        {
            double d = 1 + _beta * Math.Log(rng.NextDoubleNonZero()) / _excitation;
            if (d > 0) s2 = -Math.Log(d) / _beta;
        }
        return nowNs + Math.Max(1, (long)(Math.Min(s1, s2) * NsPerSecond));
    }

    /// <summary>Registers an event of this process at <paramref name="atNs"/> (its own excitation).</summary>
    public void Fire(long atNs)
    {
        DecayTo(atNs);
        _excitation += _alpha;
    }

    /// <summary>Adds an external kick of <paramref name="eventsPerSecond"/> at <paramref name="atNs"/> (decaying
    /// with the same kernel); the pending draw must be redrawn with <see cref="NextAfter"/>.</summary>
    public void Kick(long atNs, double eventsPerSecond)
    {
        DecayTo(atNs);
        _excitation += eventsPerSecond;
    }

    private void DecayTo(long nowNs)
    {
        if (nowNs > _refNs && _excitation > 1e-12) _excitation *= Math.Exp(-_beta * ((nowNs - _refNs) / NsPerSecond));
        _refNs = Math.Max(_refNs, nowNs);
    }
}
