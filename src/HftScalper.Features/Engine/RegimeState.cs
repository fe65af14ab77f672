using HftScalper.Features.Kernels;
using HftScalper.Features.Regime;
using HftScalper.Features.Technical;
using R = HftScalper.Features.Engine.RegimeColumns;

namespace HftScalper.Features.Engine;

/// <summary>
/// Per-symbol regime state. Once per second of exchange time the 1-second mid log return (bps) steps one
/// <see cref="LinearRecursionBank"/>: lane 0 is the GARCH(1,1) variance recursion (a = beta, b = alpha, c = omega,
/// x = r^2), lanes 1-5 the decayed moments of (r_t^2, r_{t-1}^2) behind the ARCH clustering measure. Seconds with no
/// event are stepped with r = 0 (the mid did not move), at most <see cref="MaxCatchUpSeconds"/> of them per event.
/// </summary>
internal sealed class RegimeState
{
    public const int MaxCatchUpSeconds = 600;
    private const double ClusterWindow = 300, VolatileRatio = 1.5, TrendingAdx = 25, MinReturns = 30;
    private const int Garch = 0, Ex = 1, Ey = 2, Exy = 3, Exx = 4, Eyy = 5;
    private const long SecondNs = 1_000_000_000, DayNs = 86_400 * SecondNs;

    private readonly LinearRecursionBank _bank = new(6);
    private readonly double[] _in;
    private readonly DecayedSumBank _activity = new([60.0]);
    private readonly double _longRunVar;
    private readonly double[] _baseline;
    private long _lastSec = long.MinValue;
    private double _anchorMid, _prevX;
    private long _returns;

    /// <summary>Sees every 1-second return and activity event (set by the engine; null on the hot path of serving).</summary>
    public IRegimeObserver? Observer;

    /// <summary>The symbol this state belongs to (reported to <see cref="Observer"/>).</summary>
    public int SymbolId;

    public RegimeState(FeatureEngineOptions o)
    {
        var g = o.Garch ?? FeatureEngineOptions.DefaultGarch;
        _longRunVar = g.LongRunVariance;
        _bank.Configure(Garch, g.Beta, g.Alpha, g.Omega, _longRunVar);
        _in = new double[_bank.Capacity];
        _baseline = o.HourlyActivityBaseline is { } h ? [.. h] : Flat();
    }

    private static double[] Flat()
    {
        var a = new double[24];
        Array.Fill(a, 1.0);
        return a;
    }

    /// <summary>Closes the seconds elapsed before <paramref name="nowNs"/> with <paramref name="midBefore"/>, the
    /// mid before the current event is applied (0 without a quote). Returns what it did (<see cref="FeatureWork.SecondClosed"/>,
    /// <see cref="FeatureWork.IdleSeconds"/>) for the latency diagnostic.</summary>
    public FeatureWork OnTime(long nowNs, double midBefore)
    {
        long sec = Math.DivRem(nowNs, SecondNs, out _);
        if (_lastSec == long.MinValue || _anchorMid <= 0)
        {
            _lastSec = sec;
            _anchorMid = midBefore;
            return FeatureWork.None;
        }
        if (sec <= _lastSec) return FeatureWork.None;
        double r = midBefore > 0 ? Math.Log(midBefore / _anchorMid) * 1e4 : 0;
        StepReturn(r, (_lastSec + 1) * SecondNs);
        long idle = Math.Min(sec - _lastSec - 1, MaxCatchUpSeconds);
        for (long i = 0; i < idle; i++) StepReturn(0, (_lastSec + 2 + i) * SecondNs);
        _lastSec = sec;
        if (midBefore > 0) _anchorMid = midBefore;
        return idle > 0 ? FeatureWork.SecondClosed | FeatureWork.IdleSeconds : FeatureWork.SecondClosed;
    }

    private void StepReturn(double r, long endNs)
    {
        Observer?.OnSecondReturn(SymbolId, endNs, r);
        double x = r * r;
        _returns++;
        // Running mean while warming (unbiased start), then a fixed exponential window.
        double n = Math.Min(_returns, ClusterWindow);
        for (int lane = Ex; lane <= Eyy; lane++) _bank.SetCoefficients(lane, (n - 1) / n, 1 / n);
        _in[Garch] = x;
        _in[Ex] = x;
        _in[Ey] = _prevX;
        _in[Exy] = x * _prevX;
        _in[Exx] = x * x;
        _in[Eyy] = _prevX * _prevX;
        _bank.Update(_in);
        _prevX = x;
    }

    /// <summary>Counts one input event (at <paramref name="nowNs"/>) for the activity rate.</summary>
    public void OnInputEvent(long nowNs)
    {
        _activity.Input(0) = 1;
        Observer?.OnActivityEvent(SymbolId, nowNs);
    }

    /// <summary>Decays the activity rate to <paramref name="nowNs"/>.</summary>
    public void Step(long nowNs) => _activity.Step(nowNs);

    /// <summary>Writes the block at the start of <paramref name="row"/>.</summary>
    public void Write(Span<float> row, in TechnicalSnapshot adx, long nowNs)
    {
        double s2 = Math.Max(0, _bank[Garch]);
        double vol = Math.Sqrt(s2), ratio = _longRunVar > 0 ? Math.Sqrt(s2 / _longRunVar) : 0;
        bool valid = _returns >= MinReturns;
        row[R.GarchVol] = (float)vol;
        row[R.GarchVolRatio] = (float)ratio;
        double ex = _bank[Ex], ey = _bank[Ey];
        double cov = _bank[Exy] - ex * ey, vx = _bank[Exx] - ex * ex, vy = _bank[Eyy] - ey * ey;
        double corr = valid && vx > 1e-12 && vy > 1e-12 ? cov / Math.Sqrt(vx * vy) : 0;
        row[R.ArchClustering] = (float)Math.Clamp(corr, -1, 1);
        row[R.Adx] = (float)adx.Adx;
        row[R.PlusDi] = (float)adx.PlusDi;
        row[R.MinusDi] = (float)adx.MinusDi;
        row[R.AdxValid] = adx.AdxValid ? 1 : 0;
        row[R.RegimeLabel] = valid && ratio > VolatileRatio ? 2 : adx.AdxValid && adx.Adx > TrendingAdx ? 1 : 0;
        double rate = _activity[0] / 60.0;
        row[R.ActivitySeasonal] = (float)Math.Log((rate + 1e-3) / _baseline[SeasonalityProfile.HourOfDay(nowNs)]);
        long tod = nowNs % DayNs;
        if (tod < 0) tod += DayNs;
        double angle = 2 * Math.PI * tod / DayNs;
        // One sincos call instead of sin and cos: the same argument reduction once (libm's sincos returns the values
        // sin and cos return, bit for bit: RegimeStateTests holds the row to them).
        var (sin, cos) = Math.SinCos(angle);
        row[R.TodSin] = (float)sin;
        row[R.TodCos] = (float)cos;
        row[R.RegimeValid] = valid ? 1 : 0;
    }
}
