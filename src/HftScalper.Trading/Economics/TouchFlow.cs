namespace HftScalper.Trading.Economics;

/// <summary>
/// Recent traded volume at each side's touch per symbol, in lots per second: an exponentially decayed sum of trade
/// quantities (time constant <see cref="TimeConstantNs"/> of exchange time) divided by the time constant. Sell
/// aggressors hit the bid (what a resting buy waits for), buy aggressors lift the ask. Deterministic (exchange
/// time), allocation-free after construction; one writer thread.
/// </summary>
public sealed class TouchFlow
{
    private readonly double[] _bidHits;
    private readonly double[] _askLifts;
    private readonly long[] _lastNs;

    /// <summary>Tracks <paramref name="symbols"/> symbols with a time constant of <paramref name="timeConstantNs"/>.</summary>
    public TouchFlow(int symbols, long timeConstantNs = 10_000_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeConstantNs);
        TimeConstantNs = timeConstantNs;
        _bidHits = new double[symbols];
        _askLifts = new double[symbols];
        _lastNs = new long[symbols];
    }

    /// <summary>Decay time constant, ns.</summary>
    public long TimeConstantNs { get; }

    /// <summary>Counts a trade of <paramref name="quantityLots"/> whose aggressor was a seller
    /// (<paramref name="sellAggressor"/>) or a buyer, at <paramref name="timeNs"/>.</summary>
    public void OnTrade(int symbolId, bool sellAggressor, long quantityLots, long timeNs)
    {
        if ((uint)symbolId >= (uint)_lastNs.Length || quantityLots <= 0) return;
        Decay(symbolId, timeNs);
        if (sellAggressor) _bidHits[symbolId] += quantityLots;
        else _askLifts[symbolId] += quantityLots;
    }

    /// <summary>Lots per second traded against the bid (<paramref name="bid"/>) or the ask, as of <paramref name="timeNs"/>.</summary>
    public double Rate(int symbolId, bool bid, long timeNs)
    {
        if ((uint)symbolId >= (uint)_lastNs.Length) return 0;
        Decay(symbolId, timeNs);
        return (bid ? _bidHits[symbolId] : _askLifts[symbolId]) * 1e9 / TimeConstantNs;
    }

    private void Decay(int s, long timeNs)
    {
        long dt = timeNs - _lastNs[s];
        if (dt <= 0) return;
        double k = _lastNs[s] == 0 ? 0 : Math.Exp(-(double)dt / TimeConstantNs);
        _bidHits[s] *= k;
        _askLifts[s] *= k;
        _lastNs[s] = timeNs;
    }
}
