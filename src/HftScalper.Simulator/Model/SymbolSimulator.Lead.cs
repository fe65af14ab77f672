namespace HftScalper.Simulator.Model;

// The opt-in lead-lag coupling (LeadLagCoupling): a follower reads the leader's replica; a replica steps without
// anyone taking its frames.
internal sealed partial class SymbolSimulator
{
    private LeaderTape? _lead;
    private double _leadStrength, _leadScaleBps;
    private long _leadDelayNs, _leadWindowNs;

    /// <summary>Makes this symbol follow <paramref name="tape"/> (before its first frame is taken).</summary>
    public void Follow(LeaderTape tape, LeadLagCoupling coupling)
    {
        _lead = tape;
        _leadStrength = coupling.Strength;
        _leadScaleBps = coupling.ScaleBps;
        _leadDelayNs = coupling.Delay.Ticks * 100;
        _leadWindowNs = coupling.Window.Ticks * 100;
    }

    /// <summary>Bid + ask in ticks (twice the mid).</summary>
    public long Mid2 => 2 * _book.Base + _book.BestBid + _book.BestAsk;

    /// <summary>Replica use: applies every event at or before simulated time <paramref name="tNs"/>, dropping the frames.</summary>
    public void AdvanceTo(long tNs)
    {
        while (!_finished && NextEvent(out _) <= tNs)
        {
            _out.Reset();
            Step();
        }
        _out.Reset();
    }

    /// <summary>
    /// With probability |b| (b = <see cref="LeadBias"/>), sets <paramref name="side"/> to the leader's side: up
    /// (b &gt; 0) means <paramref name="upSide"/>, down its opposite. Draws nothing without a leader or a lean, so an
    /// uncoupled symbol's random stream is untouched.
    /// </summary>
    private void LeadTakes(ref bool side, bool upSide)
    {
        double b = LeadBias();
        if (b == 0 || _rng.NextDouble() >= Math.Abs(b)) return;
        side = b > 0 ? upSide : !upSide;
    }

    /// <summary>Strength x tanh(leader's delayed move / scale): 0 without a leader, during warm-up, and until the
    /// leader's path reaches back the delay and window.</summary>
    private double LeadBias()
    {
        if (_lead is null || !_emitting || _t < _leadDelayNs + _leadWindowNs) return 0;
        long now = _lead.Mid2At(_t - _leadDelayNs), then = _lead.Mid2At(_t - _leadDelayNs - _leadWindowNs);
        if (then <= 0) return 0;
        return _leadStrength * Math.Tanh((now - then) * 1e4 / then / _leadScaleBps);
    }
}
