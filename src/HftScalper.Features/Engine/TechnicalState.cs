using HftScalper.Features.Bars;
using HftScalper.Features.Kernels;
using HftScalper.Features.Technical;
using T = HftScalper.Features.Engine.TechColumns;

namespace HftScalper.Features.Engine;

/// <summary>
/// Per-symbol multi-timeframe technical state: mid bars per timeframe (exchange time) with RSI/MACD/ADX/momentum
/// (<see cref="BarIndicators"/>), time-decayed EMA of the mid and VWAP of trades (lanes of one
/// <see cref="DecayedSumBank"/>), and a decayed volume profile per timeframe.
/// </summary>
internal sealed class TechnicalState
{
    private const int LanesPerTf = 4, LEmaNum = 0, LEmaDen = 1, LPv = 2, LV = 3;
    // A dead band far below any real deviation (one tick of BTCUSDT is ~0.017 bps): a mid equal to its EMA gives
    // +-1e-12 bps of rounding whose sign depends on the price units; inside the band the deviation is exactly 0.
    private const double DeadBandBps = 1e-6;

    private readonly TimeBarBuilder[] _bars = new TimeBarBuilder[3];
    private readonly BarIndicators[] _ind = new BarIndicators[3];
    private readonly VolumeProfile[] _profiles = new VolumeProfile[3];
    private readonly DecayedSumBank _sums;
    private readonly double _bucketBps;

    public TechnicalState(FeatureEngineOptions o)
    {
        var windows = new double[3 * LanesPerTf];
        for (int i = 0; i < 3; i++)
        {
            var tf = o.Timeframes[i];
            _bars[i] = new TimeBarBuilder(tf.Ticks * 100);
            _ind[i] = new BarIndicators();
            _profiles[i] = new VolumeProfile(tf.TotalSeconds);
            for (int l = 0; l < LanesPerTf; l++) windows[i * LanesPerTf + l] = tf.TotalSeconds;
        }
        _sums = new DecayedSumBank(windows);
        _bucketBps = o.ProfileBucketBps;
    }

    /// <summary>The indicators of timeframe <paramref name="i"/> (ADX for the regime block).</summary>
    public ref readonly TechnicalSnapshot Snapshot(int i) => ref _ind[i].Snapshot;

    /// <summary>Folds a mid quote; true when it closed a bar (indicators updated).</summary>
    public bool OnMid(double mid, long nowNs)
    {
        bool barClosed = false;
        for (int i = 0; i < 3; i++)
        {
            _sums.Input(i * LanesPerTf + LEmaNum) = mid;
            _sums.Input(i * LanesPerTf + LEmaDen) = 1;
            if (_bars[i].Update(nowNs, mid, 0, out var closed)) { _ind[i].OnBar(in closed); barClosed = true; }
        }
        return barClosed;
    }

    /// <summary>Folds a trade (price units, lots); <paramref name="mid"/> (0 before a quote) carries bar volume. True when
    /// it closed a bar (indicators updated).</summary>
    public bool OnTrade(long price, double quantity, double mid, long nowNs)
    {
        if (price <= 0 || !(quantity > 0)) return false;
        bool barClosed = false;
        for (int i = 0; i < 3; i++)
        {
            _sums.Input(i * LanesPerTf + LPv) = price * quantity;
            _sums.Input(i * LanesPerTf + LV) = quantity;
            _profiles[i].Add(price, quantity, nowNs, _bucketBps);
            if (mid > 0 && _bars[i].Update(nowNs, mid, quantity, out var closed)) { _ind[i].OnBar(in closed); barClosed = true; }
        }
        return barClosed;
    }

    /// <summary>Decays the sums to <paramref name="nowNs"/> and adds this event's inputs.</summary>
    public void Step(long nowNs) => _sums.Step(nowNs);

    /// <summary>Writes the block at the start of <paramref name="row"/>.</summary>
    public void Write(Span<float> row, double mid)
    {
        int signs = 0;
        for (int i = 0; i < 3; i++)
        {
            var r = row.Slice(i * T.PerTimeframe, T.PerTimeframe);
            ref readonly var s = ref _ind[i].Snapshot;
            double bps = mid > 0 ? 1e4 / mid : 0;
            r[T.Rsi] = (float)s.Rsi;
            r[T.RsiValid] = s.RsiValid ? 1 : 0;
            r[T.Macd] = (float)(s.Macd * bps);
            r[T.MacdSignal] = (float)(s.MacdSignal * bps);
            r[T.MacdHist] = (float)(s.MacdHistogram * bps);
            r[T.MacdValid] = s.MacdValid ? 1 : 0;
            double den = _sums[i * LanesPerTf + LEmaDen], ema = den > 0 ? _sums[i * LanesPerTf + LEmaNum] / den : 0;
            double emaDev = mid > 0 && ema > 0 ? (mid / ema - 1) * 1e4 : 0;
            if (Math.Abs(emaDev) <= DeadBandBps) emaDev = 0;
            r[T.EmaDev] = (float)emaDev;
            signs += emaDev > 0 ? 1 : emaDev < 0 ? -1 : 0;
            double v = _sums[i * LanesPerTf + LV], vwap = v > 0 ? _sums[i * LanesPerTf + LPv] / v : 0;
            r[T.VwapDev] = mid > 0 && vwap > 0 ? (float)((mid / vwap - 1) * 1e4) : 0;
            r[T.PocDist] = mid > 0 && _profiles[i].TryGetPointOfControl(mid, out double poc) ? (float)((mid - poc) * bps) : 0;
            r[T.Momentum] = (float)(s.Momentum * 1e4);
            r[T.MomentumValid] = s.MomentumValid ? 1 : 0;
        }
        row[T.Alignment] = signs / 3f;
    }
}
