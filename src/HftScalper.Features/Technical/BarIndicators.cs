using HftScalper.Features.Bars;
using HftScalper.Features.Kernels;

namespace HftScalper.Features.Technical;

/// <summary>
/// RSI, MACD, ADX/+DI/-DI and momentum of one timeframe, updated on each closed bar. The smoothing filters run as
/// lanes of two <see cref="LinearRecursionBank"/>s: phase 1 (EMA12, EMA26, Wilder gain/loss, Wilder TR/+DM/-DM: one
/// 512-bit pass) and phase 2, which needs phase 1's outputs of the same bar (MACD signal, ADX).
/// </summary>
/// <remarks>
/// Seeding follows the textbooks: Wilder averages start as the simple mean of their first 14 inputs (done with
/// running-mean coefficients a=(k-1)/k, b=1/k, then a=13/14, b=1/14); EMAs start at the first value. A lane that must
/// not move yet is held with a=1, b=0, so the bank never branches per lane. Allocation-free after construction.
/// </remarks>
internal sealed class BarIndicators
{
    /// <summary>Wilder period for RSI and ADX.</summary>
    public const int WilderPeriod = 14;

    /// <summary>Bars over which <see cref="TechnicalSnapshot.Momentum"/> is measured.</summary>
    public const int MomentumLookback = 10;

    private const int Ema12 = 0, Ema26 = 1, AvgGain = 2, AvgLoss = 3, SmTr = 4, SmPlusDm = 5, SmMinusDm = 6;
    private const int Signal = 0, AdxLane = 1;

    private readonly LinearRecursionBank _phase1 = new(7);
    private readonly LinearRecursionBank _phase2 = new(2);
    private readonly double[] _in1, _in2;
    private readonly double[] _closes = new double[MomentumLookback + 1];
    private double _prevClose, _prevHigh, _prevLow;
    private int _bars;
    private TechnicalSnapshot _snapshot = new() { Rsi = 50 };

    /// <summary>Creates the indicator set with all filters empty.</summary>
    public BarIndicators()
    {
        _in1 = new double[_phase1.Capacity];
        _in2 = new double[_phase2.Capacity];
        _phase1.ConfigureEma(Ema12, 12);
        _phase1.ConfigureEma(Ema26, 26);
        _phase2.ConfigureEma(Signal, 9);
    }

    /// <summary>The indicators after the latest bar.</summary>
    public ref readonly TechnicalSnapshot Snapshot => ref _snapshot;

    /// <summary>Folds one closed bar.</summary>
    public void OnBar(in TimeBar bar)
    {
        _closes[_bars % _closes.Length] = bar.Close;
        _bars++;
        _snapshot.Bars = _bars;
        if (_bars == 1)
        {
            _phase1.SetState(Ema12, bar.Close);
            _phase1.SetState(Ema26, bar.Close);
            Remember(bar);
            return;
        }

        int k = _bars - 1; // price changes seen, including this one
        double change = bar.Close - _prevClose;
        double tr = Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - _prevClose), Math.Abs(bar.Low - _prevClose)));
        double up = bar.High - _prevHigh, down = _prevLow - bar.Low;
        _in1[Ema12] = bar.Close;
        _in1[Ema26] = bar.Close;
        _in1[AvgGain] = change > 0 ? change : 0;
        _in1[AvgLoss] = change < 0 ? -change : 0;
        _in1[SmTr] = tr;
        _in1[SmPlusDm] = up > down && up > 0 ? up : 0;
        _in1[SmMinusDm] = down > up && down > 0 ? down : 0;
        double wa = k <= WilderPeriod ? (k - 1.0) / k : (WilderPeriod - 1.0) / WilderPeriod;
        double wb = k <= WilderPeriod ? 1.0 / k : 1.0 / WilderPeriod;
        for (int lane = AvgGain; lane <= SmMinusDm; lane++) _phase1.SetCoefficients(lane, wa, wb);
        _phase1.Update(_in1);

        double macd = _phase1[Ema12] - _phase1[Ema26];
        double tr14 = _phase1[SmTr];
        double plusDi = tr14 > 0 ? 100.0 * _phase1[SmPlusDm] / tr14 : 0;
        double minusDi = tr14 > 0 ? 100.0 * _phase1[SmMinusDm] / tr14 : 0;
        double diSum = plusDi + minusDi;
        double dx = diSum > 0 ? 100.0 * Math.Abs(plusDi - minusDi) / diSum : 0;

        if (k == 1) _phase2.SetState(Signal, macd);
        int j = k - WilderPeriod + 1; // DX values available (DX needs a full TR average)
        if (j <= 0) _phase2.SetCoefficients(AdxLane, 1, 0);
        else if (j <= WilderPeriod) _phase2.SetCoefficients(AdxLane, (j - 1.0) / j, 1.0 / j);
        else _phase2.SetCoefficients(AdxLane, (WilderPeriod - 1.0) / WilderPeriod, 1.0 / WilderPeriod);
        _in2[Signal] = macd;
        _in2[AdxLane] = dx;
        _phase2.Update(_in2); // at k == 1 the signal already equals its input (a + b = 1): seeding, not drift

        Publish(k, macd, plusDi, minusDi, bar.Close);
        Remember(bar);
    }

    private void Publish(int k, double macd, double plusDi, double minusDi, double close)
    {
        double g = _phase1[AvgGain], l = _phase1[AvgLoss];
        _snapshot.RsiValid = k >= WilderPeriod;
        _snapshot.Rsi = !_snapshot.RsiValid ? 50 : l == 0 ? (g == 0 ? 50 : 100) : 100.0 - 100.0 / (1.0 + g / l);
        _snapshot.MacdValid = _bars >= 26 + 9 - 1;
        _snapshot.Macd = _snapshot.MacdValid ? macd : 0;
        _snapshot.MacdSignal = _snapshot.MacdValid ? _phase2[Signal] : 0;
        _snapshot.MacdHistogram = _snapshot.Macd - _snapshot.MacdSignal;
        _snapshot.AdxValid = k >= 2 * WilderPeriod - 1;
        _snapshot.Adx = _snapshot.AdxValid ? _phase2[AdxLane] : 0;
        _snapshot.PlusDi = k >= WilderPeriod ? plusDi : 0;
        _snapshot.MinusDi = k >= WilderPeriod ? minusDi : 0;
        _snapshot.MomentumValid = k >= MomentumLookback;
        double past = _closes[(_bars - 1 - MomentumLookback + _closes.Length * 2) % _closes.Length];
        _snapshot.Momentum = _snapshot.MomentumValid && past != 0 ? close / past - 1.0 : 0;
    }

    private void Remember(in TimeBar bar)
    {
        _prevClose = bar.Close;
        _prevHigh = bar.High;
        _prevLow = bar.Low;
    }
}
