namespace HftScalper.Simulator.Model;

/// <summary>
/// A slow two-state Markov-switching activity regime (calm / active) with exponential dwell times. Its scale
/// multiplies the baselines of both Hawkes clocks, so activity comes in minutes-long waves on top of the
/// sub-second Hawkes bursts: the real feed's per-second counts are far more over-dispersed than one stationary
/// Hawkes process with a realistic branching ratio gives.
/// </summary>
internal sealed class ActivityRegime
{
    private readonly double _calmScale, _activeScale, _calmMeanNs, _activeMeanNs;

    /// <param name="calmScale">Baseline multiplier while calm.</param>
    /// <param name="activeScale">Baseline multiplier while active.</param>
    /// <param name="calmSeconds">Mean dwell time in the calm state.</param>
    /// <param name="activeSeconds">Mean dwell time in the active state.</param>
    public ActivityRegime(double calmScale, double activeScale, double calmSeconds, double activeSeconds)
    {
        _calmScale = calmScale;
        _activeScale = activeScale;
        _calmMeanNs = calmSeconds * 1e9;
        _activeMeanNs = activeSeconds * 1e9;
    }

    /// <summary>Whether the active state holds.</summary>
    public bool Active { get; private set; }

    /// <summary>The current baseline multiplier.</summary>
    public double Scale => Active ? _activeScale : _calmScale;

    /// <summary>Simulated time (ns) of the next switch.</summary>
    public long NextSwitchNs { get; private set; } = long.MaxValue;

    /// <summary>Starts in the stationary distribution at <paramref name="nowNs"/>.</summary>
    public void Start(long nowNs, Xoshiro256StarStar rng)
    {
        Active = rng.NextDouble() < _activeMeanNs / (_activeMeanNs + _calmMeanNs);
        Schedule(nowNs, rng);
    }

    /// <summary>Flips the state at its scheduled time and draws the next switch.</summary>
    public void Switch(Xoshiro256StarStar rng)
    {
        Active = !Active;
        Schedule(NextSwitchNs, rng);
    }

    private void Schedule(long nowNs, Xoshiro256StarStar rng) =>
        NextSwitchNs = nowNs + 1 + (long)rng.NextExponential(Active ? _activeMeanNs : _calmMeanNs);
}
