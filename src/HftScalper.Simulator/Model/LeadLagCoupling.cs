namespace HftScalper.Simulator.Model;

/// <summary>
/// An opt-in lead-lag relation between simulated symbols (<see cref="SimulatorOptions.LeadLag"/>): every other symbol's
/// new aggressors lean toward the leader's recent move, seen with a delay. Without it the symbols are independent
/// (each has its own random stream; the merge only interleaves them). It exists so the cross-symbol features can be
/// shown to learn a real cross-symbol relation; it says nothing about real markets.
/// </summary>
/// <remarks>With m the leader's mid move over [t - Delay - Window, t - Delay] in bps and b = <c>Strength x tanh(m / ScaleBps)</c>,
/// at a follower's event at time t: a new aggressor (not a continuation of the previous side) buys with probability
/// raised by b, a limit order joining the best queue joins the bid with probability raised by b, and a cancel at the
/// best hits the bid with probability lowered by b: the follower's book leans, and its mid drifts, the leader's way. The leader is unaffected and its stream is byte-identical to a run without
/// the coupling (followers read a private replica of it, simulated from the same seed).</remarks>
/// <param name="Leader">The leading symbol (one of the simulated ones).</param>
public sealed record LeadLagCoupling(string Leader)
{
    /// <summary>Largest shift of a follower's buy, join-bid and (negated) cancel-bid probabilities (default 0.2; 0 = no coupling).</summary>
    public double Strength { get; init; } = 0.2;

    /// <summary>How late a follower sees the leader's move (default 500 ms).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Window of the leader's move (default 1 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Leader move (bps) at which the lean reaches tanh(1) = 76 % of <see cref="Strength"/> (default 1 bps).</summary>
    public double ScaleBps { get; init; } = 1;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Leader);
        if (!(Strength >= 0 && Strength <= 0.5)) throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "lead strength must be in [0, 0.5]");
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromSeconds(30)) throw new ArgumentOutOfRangeException(nameof(Delay), Delay, "lead delay must be in [0, 30 s]");
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromSeconds(30)) throw new ArgumentOutOfRangeException(nameof(Window), Window, "lead window must be in (0, 30 s]");
        if (!(ScaleBps > 0) || !double.IsFinite(ScaleBps)) throw new ArgumentOutOfRangeException(nameof(ScaleBps));
    }
}
