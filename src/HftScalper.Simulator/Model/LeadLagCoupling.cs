namespace HftScalper.Simulator.Model;

/// <summary>
/// An opt-in lead-lag relation between simulated symbols (<see cref="SimulatorOptions.LeadLag"/>): every other symbol's
/// new aggressors lean toward the leader's recent move, seen with a delay. Without it the symbols are independent
/// (each has its own random stream; the merge only interleaves them). It exists so the cross-symbol features can be
/// shown to learn a real cross-symbol relation; it says nothing about real markets.
/// </summary>
/// <remarks>With m the leader's mid move over [t - Delay - Window, t - Delay] in bps and b = <c>Strength x tanh(m / ScaleBps)</c>,
/// at a follower's event at time t, with probability |b| the leader's side is taken: a market order buys (m &gt; 0) or
/// sells, a limit order joining the best queue joins the bid or the ask, a cancel at the best hits the ask or the bid.
/// The follower's book leans, and its mid drifts, the leader's way; the rest of its flow is unchanged.
/// The leader is unaffected and its stream is byte-identical to a run without the coupling (followers read a private
/// replica of it, simulated from the same seed).</remarks>
/// <param name="Leader">The leading symbol (one of the simulated ones).</param>
public sealed record LeadLagCoupling(string Leader)
{
    /// <summary>Largest share of a follower's market orders, best-queue joins and best-queue cancels that take the leader's
    /// side (default 0.3; 0 = no coupling).</summary>
    public double Strength { get; init; } = 0.3;

    /// <summary>How late a follower sees the leader's move (default 500 ms).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Window of the leader's move (default 1 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Leader move (bps) at which the lean reaches tanh(1) = 76 % of <see cref="Strength"/> (default 0.25 bps: about
    /// the simulated BTCUSDT's mean absolute 1 s move, 0.17 bps on seed 1, so a typical leader move steers about
    /// 0.6 x Strength of those events).</summary>
    public double ScaleBps { get; init; } = 0.25;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Leader);
        if (!(Strength >= 0 && Strength <= 1)) throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "lead strength must be in [0, 1]");
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromSeconds(30)) throw new ArgumentOutOfRangeException(nameof(Delay), Delay, "lead delay must be in [0, 30 s]");
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromSeconds(30)) throw new ArgumentOutOfRangeException(nameof(Window), Window, "lead window must be in (0, 30 s]");
        if (!(ScaleBps > 0) || !double.IsFinite(ScaleBps)) throw new ArgumentOutOfRangeException(nameof(ScaleBps));
    }
}
