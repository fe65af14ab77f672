namespace HftScalper.Simulator.Model;

// The opt-in latent value (LatentValue): a random walk the flow leans toward. Without it nothing here draws, so the
// random stream, and hence every byte, is that of a run without the option.
internal sealed partial class SymbolSimulator
{
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

    /// <summary>One step of the walk, proportional to the price (a log random walk).</summary>
    private void StepValue()
    {
        _valueTicks *= 1 + _valueStepSigma * _rng.NextGaussian();
        _nextValueNs += _valueStepNs;
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
    /// distance from the value rather than from the own best (shifted by the gap), never crossing the other side's best.
    /// Draws nothing without the option.</summary>
    private int AnchorToValue(bool bid, int index)
    {
        if (_value is null || _value.DeepAnchorShare == 0 || _rng.NextDouble() >= _value.DeepAnchorShare) return index;
        double mid = _book.Base + (_book.BestBid + _book.BestAsk) / 2.0;
        int shift = (int)Math.Round(_valueTicks - mid);
        return bid ? Math.Min(index + shift, _book.BestAsk - 1) : Math.Max(index + shift, _book.BestBid + 1);
    }
}
