using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Quoting;

/// <summary>
/// Traded volume per second that consumes each side's queue, per symbol: an exponentially weighted intensity
/// <c>rate(t) = sum_i qty_i x exp(-(t - t_i) / tau) / tau</c> over trades, kept as one value and its time, so an
/// update is one <c>exp</c> and no history is stored. Trades whose aggressor sold consume the bids (our resting buys
/// wait behind them), trades whose aggressor bought consume the asks. Deterministic on the event clock; no
/// allocation after construction.
/// </summary>
internal sealed class TradeRateEstimator
{
    private readonly double[] _rate; // lots per second at _at, index symbol * 2 + (bids ? 0 : 1)
    private readonly long[] _at;
    private readonly double _tauNs;

    /// <summary>An estimator for symbol ids below <paramref name="symbols"/> with time constant <paramref name="tauNs"/>.</summary>
    public TradeRateEstimator(int symbols, long tauNs)
    {
        _rate = new double[symbols * 2];
        _at = new long[symbols * 2];
        _tauNs = tauNs;
    }

    /// <summary>A trade of <paramref name="lots"/> at <paramref name="nowNs"/>; <paramref name="hitsBids"/> when the
    /// aggressor sold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnTrade(int symbolId, bool hitsBids, long lots, long nowNs)
    {
        int i = symbolId * 2 + (hitsBids ? 0 : 1);
        _rate[i] = Decayed(i, nowNs) + lots * (1e9 / _tauNs);
        _at[i] = Math.Max(_at[i], nowNs);
    }

    /// <summary>Lots per second consuming the bids (<paramref name="bids"/>) or the asks at <paramref name="nowNs"/>.</summary>
    public double LotsPerSecond(int symbolId, bool bids, long nowNs) => Decayed(symbolId * 2 + (bids ? 0 : 1), nowNs);

    private double Decayed(int i, long nowNs)
    {
        long dt = nowNs - _at[i];
        return dt <= 0 ? _rate[i] : _rate[i] * Math.Exp(-dt / _tauNs);
    }
}
