namespace HftScalper.Simulator.Model;

/// <summary>
/// The leader's mid path as a follower may read it: a private replica of the leader's simulator (same profile, seed and
/// regime change, so the same mids as the leader the merge hands out) stepped forward on demand and sampled on a
/// 10 ms grid into a ring. Queries must not go back further than the ring holds (80 s), which the coupling's bounded
/// delay and window guarantee. Allocation-free after construction.
/// </summary>
internal sealed class LeaderTape
{
    private const long StepNs = 10_000_000;
    private const int Capacity = 8192;
    private readonly SymbolSimulator _replica;
    private readonly long[] _mid2 = new long[Capacity];
    private long _filled = -1; // last grid index recorded

    public LeaderTape(SymbolSimulator replica) => _replica = replica;

    /// <summary>The leader's bid + ask (ticks) in force at simulated time <paramref name="tNs"/> (the last grid point at or before it).</summary>
    public long Mid2At(long tNs)
    {
        long k = Math.Max(0, tNs) / StepNs;
        while (_filled < k)
        {
            _filled++;
            _replica.AdvanceTo(_filled * StepNs);
            _mid2[_filled & (Capacity - 1)] = _replica.Mid2;
        }
        if (k <= _filled - Capacity) throw new InvalidOperationException("the leader tape no longer holds that time");
        return _mid2[k & (Capacity - 1)];
    }
}
