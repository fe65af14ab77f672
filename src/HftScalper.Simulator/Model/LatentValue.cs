namespace HftScalper.Simulator.Model;

/// <summary>
/// An opt-in slowly drifting latent value (<see cref="SimulatorOptions.LatentValue"/>): a log random walk that nobody
/// sees directly and that makers follow. Makers joining the touch lean to its side, makers cancelling at the touch
/// cancel the side facing it, and a share of the orders behind the touch are placed around it rather than around the
/// own best, so the book's liquidity re-centres on the value and the mid follows it: the simulated mid gets a persistent
/// component at tens of seconds, as the real feed has (without it the mid mean-reverts: its 30 s volatility is a quarter
/// of the real one and barely grows from 10 to 30 s). Measured effects and gaps: src/HftScalper.Simulator/README.md.
/// </summary>
/// <remarks>With g the gap between the value and the mid in bps and b = <c>strength x tanh(g / GapScaleBps)</c>, at each
/// best-queue join, best-queue cancel and (when <see cref="AggressorLean"/> is set) freshly drawn aggressor side, with
/// probability |b| the side toward the value is taken (join the bid / cancel the ask / buy when the value is above the
/// mid). The value steps every <see cref="Step"/> by a normal draw; it depends on past draws only, so nothing looks
/// ahead.</remarks>
public sealed record LatentValue
{
    /// <summary>Volatility of the value, bps per square-root second (default 1.2: the real BTCUSDT 08-08 feed's 30 s
    /// mid volatility of 5.95 bps is 1.09 bps/sqrt(s); a little more, as the mid follows the value with a lag).</summary>
    public double VolatilityBps { get; init; } = 1.2;

    /// <summary>Largest share of freshly drawn aggressor sides that take the value's side (default 0: informed
    /// aggressors make the signed trade flow predict the mid 3-4x more than on the real feed; the value moves the mid
    /// through the makers instead).</summary>
    public double AggressorLean { get; init; }

    /// <summary>Largest share of best-queue joins that join the value's side (the bid when it is above the mid; default 0.3).</summary>
    public double JoinLean { get; init; } = 0.3;

    /// <summary>Largest share of best-queue cancels that cancel the side facing the value (the ask when it is above the
    /// mid; default 0.5).</summary>
    public double CancelLean { get; init; } = 0.5;

    /// <summary>Share of the orders resting behind the touch that makers place at their distance from the value rather
    /// than from their own best (default 0.5): the book's liquidity re-centres on the value, the stale side thins.</summary>
    public double DeepAnchorShare { get; init; } = 0.5;

    /// <summary>Share of the value's steps on which makers refresh the quotes it has passed: the orders behind a touch the
    /// value has run beyond are cancelled and re-posted at the value, so that the price lands there when the stale touch
    /// goes (default 0.2; 0 = none, as before 2026-12-05 session 16).</summary>
    public double RefreshShare { get; init; } = 0.2;

    /// <summary>Share of the events leaving the spread wider than one tick after which makers re-quote around the value
    /// at once (a maker-sized bid and/or ask at the value, where it improves its side; default 1; 0 = none).</summary>
    public double RequoteShare { get; init; } = 1;

    /// <summary>Share of market orders that publish one bookTicker, the book after them, rather than one per level they
    /// clear (default 0.9, measured, not fitted: in the real BTCUSDT 08-08 recording 1,910 of the 2,118 levels inside
    /// sweeps of three or more prices never show as a top within 100 ms; 08-08 and 08-09 together: 2,806 of 3,169). The per-level tickers, each with the spread the
    /// sweep has opened so far, were most of the latent value's wide mean spread. It belongs to the wire, not to the
    /// value: it rides on this option only so that the stream without it stays byte-identical.</summary>
    public double HiddenSweepTopShare { get; init; } = 0.9;

    /// <summary>Gap (bps) between the value and the mid at which a lean reaches tanh(1) = 76 % of its strength (default 1).</summary>
    public double GapScaleBps { get; init; } = 1.0;

    /// <summary>How often the value steps (default 100 ms).</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The calibrated setting (chosen on the real BTCUSDT of 2024-08-08 only; README of the simulator).</summary>
    public static LatentValue Calibrated { get; } = new();

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(VolatilityBps >= 0) || !double.IsFinite(VolatilityBps)) throw new ArgumentOutOfRangeException(nameof(VolatilityBps), VolatilityBps, "must be >= 0");
        foreach (var (v, n) in new[] { (AggressorLean, nameof(AggressorLean)), (JoinLean, nameof(JoinLean)), (CancelLean, nameof(CancelLean)), (DeepAnchorShare, nameof(DeepAnchorShare)),
                     (RefreshShare, nameof(RefreshShare)), (RequoteShare, nameof(RequoteShare)),
                     (HiddenSweepTopShare, nameof(HiddenSweepTopShare)) })
            if (!(v >= 0 && v <= 1)) throw new ArgumentOutOfRangeException(n, v, "lean must be in [0, 1]");
        if (!(GapScaleBps > 0) || !double.IsFinite(GapScaleBps)) throw new ArgumentOutOfRangeException(nameof(GapScaleBps), GapScaleBps, "must be > 0");
        if (Step <= TimeSpan.Zero || Step > TimeSpan.FromSeconds(10)) throw new ArgumentOutOfRangeException(nameof(Step), Step, "must be in (0, 10 s]");
    }
}
