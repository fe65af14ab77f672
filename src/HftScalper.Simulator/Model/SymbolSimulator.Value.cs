namespace HftScalper.Simulator.Model;

// The opt-in latent value (LatentValue): a random walk the flow leans toward. Without it nothing here draws, so the
// random stream, and hence every byte, is that of a run without the option.
internal sealed partial class SymbolSimulator
{
    private const int RefreshReach = 64; // levels one refresh may cancel: bounds the work of one value step

    private LatentValue? _value;
    private double _valueTicks, _valueStepSigma; // absolute ticks; the step's sigma as a fraction of the price
    private long _valueStepNs, _nextValueNs = long.MaxValue;

    /// <summary>Starts the latent value at the mid (called once, at the start of the warm-up).</summary>
    private void StartValue()
    {
        if (_value is not { } value) return;
        _valueStepNs = value.Step.Ticks * 100;
        _valueStepSigma = value.VolatilityBps * 1e-4 * Math.Sqrt(value.Step.TotalSeconds);
        _valueTicks = _book.Base + (_book.BestBid + _book.BestAsk) / 2.0;
        _nextValueNs = _t + _valueStepNs;
    }

    /// <summary>One step of the walk, proportional to the price (a log random walk); then, on a share of the steps,
    /// makers refresh the quotes the value has passed (<see cref="Refresh"/>).</summary>
    private void StepValue()
    {
        _valueTicks *= 1 + _valueStepSigma * _rng.NextGaussian();
        _nextValueNs += _valueStepNs;
        if (_value!.RefreshShare > 0 && _rng.NextDouble() < _value.RefreshShare) Refresh();
    }

    /// <summary>With probability |strength x tanh(gap / scale)|, sets <paramref name="side"/> toward the value: up means
    /// <paramref name="upSide"/>. Draws nothing without the option or with a zero strength.</summary>
    private void ValueTakes(ref bool side, bool upSide, double strength)
    {
        if (_value is null || strength == 0) return;
        double mid = _book.Base + (_book.BestBid + _book.BestAsk) / 2.0;
        double b = strength * Math.Tanh((_valueTicks - mid) * 1e4 / mid / _value.GapScaleBps);
        if (_rng.NextDouble() >= Math.Abs(b)) return;
        side = b > 0 ? upSide : !upSide;
    }

    /// <summary>Makers quoting around their value: a share of the orders resting behind the touch are placed at their
    /// distance from the value rather than from the own best (shifted by the gap). One that would land at or beyond its
    /// own side's best stays at its distance from that best: a deep order never becomes the touch. (Clamping it to one
    /// tick inside the other side's best, as before, put dust-sized orders at the touch that the next aggressor cleared:
    /// the spread flickered open and the mid bounced, which was most of the 1-2 s reversion and of the wide spreads.)
    /// Draws nothing without the option.</summary>
    private int AnchorToValue(bool bid, int index)
    {
        if (_value is null || _value.DeepAnchorShare == 0 || _rng.NextDouble() >= _value.DeepAnchorShare) return index;
        double mid = _book.Base + (_book.BestBid + _book.BestAsk) / 2.0;
        int anchored = index + (int)Math.Round(_valueTicks - mid);
        return bid ? (anchored >= _book.BestBid ? index : anchored) : (anchored <= _book.BestAsk ? index : anchored);
    }

    /// <summary>Makers refresh on the value's move: the quotes behind a touch that the value has passed (asks below it,
    /// bids above it; the touch itself excepted, its makers hold their queue place and leave by the cancel lean) are
    /// cancelled and their quantity re-posted at the value. When the stale touch goes, the price lands at the value
    /// rather than on a stale level short of it (a lag, then momentum) or on dust beyond it (an overshoot, then
    /// reversion).</summary>
    private void Refresh()
    {
        double v = _valueTicks - _book.Base;
        if (v > _book.BestAsk + 1) RefreshSide(false, (int)Math.Ceiling(v));
        else if (v < _book.BestBid - 1) RefreshSide(true, (int)Math.Floor(v));
    }

    private void RefreshSide(bool bid, int target)
    {
        if ((uint)target >= PriceLadder.Size) return;
        long[] side = bid ? _book.Bid : _book.Ask;
        long moved = 0;
        int at = bid ? _book.BestBid : _book.BestAsk;
        for (int n = 0; n < RefreshReach; n++)
        {
            at = NextLevel(bid, at);
            if (at < 0 || (bid ? at <= target : at >= target)) break;
            moved += side[at];
            Change(bid, at, 0);
        }
        if (moved > 0) Change(bid, target, side[target] + moved);
    }

    /// <summary>After an event that left the spread wide, makers quoting around the value re-quote at once (with
    /// probability <see cref="LatentValue.RequoteShare"/>): a maker-sized bid at the value, or one tick under the ask when
    /// the value is at or above it, and likewise an ask, each only where it improves its side. Draws nothing without the
    /// option or while the spread is one tick.</summary>
    private void RequoteAtValue()
    {
        if (_value is null || _value.RequoteShare == 0 || _book.BestAsk - _book.BestBid <= 1) return;
        if (_rng.NextDouble() >= _value.RequoteShare) return;
        double v = _valueTicks - _book.Base;
        int bid = Math.Min((int)Math.Floor(v), _book.BestAsk - 1);
        if (bid > _book.BestBid && bid >= 0) Change(true, bid, _book.Bid[bid] + (long)(LimitSize() * _p.JoinBestSizeFactor));
        int ask = Math.Max((int)Math.Ceiling(v), _book.BestBid + 1);
        if (ask < _book.BestAsk && ask < PriceLadder.Size) Change(false, ask, _book.Ask[ask] + (long)(LimitSize() * _p.JoinBestSizeFactor));
    }
}
